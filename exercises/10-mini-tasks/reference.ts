/**
 * The reference mini loop of `10-mini-tasks`: the code the capstone used to
 * give, now what the learner writes (traps, step, runOnce), with the given
 * parts (traps' types, helpers, MiniLoop, spawnTask, wake) as in the notebook.
 *
 * @module
 */
import type { TimelineBar } from "@course/lib";

// Every way a coroutine can pause in the mini loop: it yields one of these requests.
export type Trap =
  | { trap: "sleep"; seconds: number } // wake me up after this many seconds
  | { trap: "spawn"; coro: MiniCoro; name: string } // run this as a new task; hand me the task
  | { trap: "join"; task: MiniTask } // wake me when that task is done; hand me its result
  | { trap: "clock" }; // what time is it?
export type MiniCoro<T = unknown> = Generator<Trap, T, unknown>;

export interface MiniTask {
  name: string;
  coro: MiniCoro;
  send: unknown; // what the task's next step receives as the value of its `yield`
  done: boolean;
  result: unknown;
  joiners: MiniTask[]; // tasks waiting for this one to finish
  since: number; // when it last paused, for the trace
}
export function* nap(seconds: number): MiniCoro<void> {
  yield { trap: "sleep", seconds };
}
export function* spawn(coro: MiniCoro, name: string): MiniCoro<MiniTask> {
  return (yield { trap: "spawn", coro, name }) as MiniTask;
}
export function* join(task: MiniTask): MiniCoro<unknown> {
  return yield { trap: "join", task };
}
export function* clock(): MiniCoro<number> {
  return (yield { trap: "clock" }) as number;
}

export class MiniLoop {
  now = 0; // virtual seconds
  ready: MiniTask[] = []; // tasks that can run now, first in, first out
  sleeping: { at: number; task: MiniTask }[] = []; // sorted by wake-up time
  trace: TimelineBar[] = []; // what each task did and when, for timeline()
}
export function spawnTask(loop: MiniLoop, coro: MiniCoro, name: string): MiniTask {
  const task = {
    name,
    coro,
    send: undefined,
    done: false,
    result: undefined,
    joiners: [],
    since: 0,
  };
  loop.ready.push(task);
  return task;
}
function wake(loop: MiniLoop, task: MiniTask, value?: unknown): void {
  loop.trace.push({ lane: task.name, kind: "suspended", start: task.since, end: loop.now });
  task.send = value; // the paused `yield` evaluates to this
  loop.ready.push(task);
}
type Handler<K> = (loop: MiniLoop, task: MiniTask, trap: Extract<Trap, { trap: K }>) => void;
const traps: { [K in Trap["trap"]]: Handler<K> } = {
  sleep(loop, task, { seconds }) {
    const at = loop.now + seconds;
    const i = loop.sleeping.findIndex((s) => s.at > at);
    loop.sleeping.splice(i === -1 ? loop.sleeping.length : i, 0, { at, task });
  },
  spawn: (loop, task, { coro, name }) => wake(loop, task, spawnTask(loop, coro, name)),
  join: (loop, task, { task: other }) =>
    other.done ? wake(loop, task, other.result) : other.joiners.push(task),
  clock: (loop, task) => wake(loop, task, loop.now),
};
export function step(loop: MiniLoop, task: MiniTask): void {
  loop.trace.push({ lane: task.name, kind: "cpu", start: loop.now, end: loop.now });
  const { value, done } = task.coro.next(task.send);
  task.since = loop.now;
  if (done) {
    Object.assign(task, { done: true, result: value });
    for (const joiner of task.joiners) wake(loop, joiner, value);
    return;
  }
  (traps[value.trap] as Handler<Trap["trap"]>)(loop, task, value as never);
}
// One turn; false when there is nothing left to do.
export function runOnce(loop: MiniLoop): boolean {
  if (loop.ready.length === 0) {
    if (loop.sleeping.length === 0) return false;
    loop.now = loop.sleeping[0].at; // nothing to do until then: jump the clock
  }
  while (loop.sleeping.length > 0 && loop.sleeping[0].at <= loop.now) {
    wake(loop, loop.sleeping.shift()!.task);
  }
  for (const task of loop.ready.splice(0)) step(loop, task);
  return true;
}
