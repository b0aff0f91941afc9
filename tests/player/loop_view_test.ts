/**
 * The player's promise: the view after step N, worked out from the trace
 * alone, is the loop's own state after step N. A recorder records the loop's
 * real queues (read from its private fields) right after every event, and
 * the test compares them with `loopViews()` of the same trace, step by step.
 */
import assert from "node:assert/strict";
import {
  type Coroutine,
  echoClients,
  echoStream,
  EventLoop,
  gather,
  loopViews,
  SimNetwork,
  sleep,
  startServer,
  Task,
  TimeoutError,
  waitFor,
} from "@course/lib";
import type { TraceRecorder } from "@course/lib/loop/trace.ts";
import type { TimerHandle } from "@course/lib/loop/handle.ts";

/** What the loop itself holds, read from its private fields. */
interface RealState {
  time: number;
  ready: string[];
  timers: { when: number; name: string }[];
  waiting: string[];
}

// deno-lint-ignore no-explicit-any
type Internals = any;

function realState(loop: EventLoop): RealState {
  const inner = loop as Internals;
  const queues = inner._queues();
  const ready = (queues.ready as Internals[]).map((r) =>
    r instanceof Task ? `task ${r.getName()}` : r._callback?.name || "anonymous"
  );
  const timers = (queues.timers as TimerHandle[])
    .filter((t) => !t.cancelled())
    .sort((a, b) => a._when - b._when || a._seq - b._seq)
    .map((t) => ({ when: t._when, name: t._callback?.name || "anonymous" }));
  const waiting = ([...inner._tasks] as Task[])
    .filter((t) => t._futWaiter !== null && !t._futWaiter.done())
    .map((t) => t.getName())
    .sort();
  return { time: loop.time(), ready, timers, waiting };
}

/** Puts a recorder on `loop` that also keeps the loop's real state after each event. */
function recordRealStates(loop: EventLoop): RealState[] {
  const states: RealState[] = [];
  const inner = loop as Internals;
  const recorder = inner._tracer as TraceRecorder; // the loop's own, its methods wrapped
  const methods = [
    "callback",
    "stepStart",
    "stepEnd",
    "timerScheduled",
    "timerFired",
    "ioWaitStart",
    "ioWaitEnd",
    "timeJump",
    "readyCallback",
    "readyTask",
    "timerCancelled",
    "taskWaits",
    "skipped",
    "socketWatch",
  ] as const;
  for (const name of methods) {
    const original = (recorder as Internals)[name].bind(recorder);
    (recorder as Internals)[name] = (...args: unknown[]) => {
      original(...args);
      states.push(realState(loop));
    };
  }
  return states;
}

function compareEveryStep(loop: EventLoop, states: RealState[]): number {
  const events = loop.trace({ queues: true });
  assert.equal(events.length, states.length, "one recorded state per event");
  const views = loopViews(events);
  for (let n = 1; n < views.length; n++) {
    const view = views[n];
    const derived: RealState = {
      time: view.time,
      ready: view.ready.map((item) => item.name),
      timers: view.timers.map((t) => ({ when: t.when, name: t.name })),
      waiting: view.waiting.map((w) => w.task).sort(),
    };
    assert.deepEqual(derived, states[n - 1], `step ${n} (${events[n - 1].kind}): ${view.note}`);
  }
  return events.length;
}

Deno.test("every step of the capstone's dinner, with gather, a timeout and a cancellation, matches the loop", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const states = recordRealStates(loop);
  function* cook(dish: string, waits: number[]): Coroutine<string> {
    for (const seconds of waits) yield* sleep(seconds);
    return `${dish} ready at t=${loop.time()}`;
  }
  function* dinner(): Coroutine<unknown> {
    const soup = loop.createTask(cook("soup", [2, 3]), { name: "soup" });
    const toast = loop.createTask(cook("toast", [1, 1, 1]), { name: "toast" });
    return yield* gather(soup, toast);
  }
  function* main(): Coroutine<unknown> {
    const meal = yield* dinner();
    const slow = loop.createTask(sleep(60), { name: "slow" });
    yield; // a bare yield: back on the next turn
    slow.cancel();
    try {
      yield* waitFor(cook("stew", [5]), 1);
    } catch (e) {
      assert.ok(e instanceof TimeoutError);
    }
    return meal;
  }
  await loop.runUntilComplete(loop.createTask(main(), { name: "main" }));
  const steps = compareEveryStep(loop, states);
  assert.ok(steps > 40, `only ${steps} steps`);
  loop.close();
});

Deno.test("every step of an echo server with three clients on the simulated network matches the loop", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const states = recordRealStates(loop);
  const net = new SimNetwork({ latency: 0.1 });
  const results = await loop.runUntilComplete((function* () {
    const server = yield* startServer(echoStream, "sim", 7, { network: net });
    const replies = yield* echoClients(3, "sim", 7, { network: net });
    server.close();
    return replies;
  })());
  assert.equal(results.length, 3);
  compareEveryStep(loop, states);
  const views = loopViews(loop.trace({ queues: true }));
  assert.ok(views.some((v) => v.sockets.length >= 3), "the watched sockets show up");
  loop.close();
});

Deno.test("a cancelled callback leaves the ready queue without running", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const handle = loop.callSoon(function never() {});
  loop.callSoon(function after() {});
  handle.cancel();
  await loop.runUntilComplete(sleep(0));
  const views = loopViews(loop.trace({ queues: true }));
  const kinds = loop.trace({ queues: true }).map((e) => e.kind);
  assert.ok(kinds.includes("callback-skipped"));
  assert.deepEqual(views.at(-1)!.ready, []);
  assert.ok(!views.some((v) => v.running === "never"));
  loop.close();
});

Deno.test("trace() without options is unchanged: no queue events", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  await loop.runUntilComplete(sleep(1));
  const classic = new Set(["callback", "task-step", "timer-scheduled", "timer-fired", "time-jump"]);
  assert.ok(loop.trace().every((e) => classic.has(e.kind)));
  assert.ok(loop.trace({ queues: true }).length > loop.trace().length);
  loop.close();
});
