/**
 * Checks for `10-mini-tasks`, capstone stage 2: the learner's trap handlers,
 * `step` and `runOnce` run the same programs as the reference mini loop
 * (reference.ts), turn by turn: what each task returns, the final clock, and
 * which tasks step in each turn.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail } from "@course/lib";
import * as ref from "./reference.ts";
import { clock, join, type MiniCoro, type MiniTask, nap, spawn } from "./reference.ts";

/** What the checks need of a mini loop. */
interface Impl {
  MiniLoop: new () => ref.MiniLoop;
  spawnTask: (loop: ref.MiniLoop, coro: MiniCoro, name: string) => MiniTask;
  runOnce: (loop: ref.MiniLoop) => boolean;
}
type Bindings = { runOnce: unknown; MiniLoop: unknown; spawnTask: unknown };

/** Runs `main` to the end; records the tasks stepped in each turn. */
function run(impl: Impl, main: () => MiniCoro) {
  const loop = new impl.MiniLoop();
  const task = impl.spawnTask(loop, main(), "main");
  const turns: string[][] = [];
  let seen = 0;
  while (impl.runOnce(loop)) {
    const steps = loop.trace.slice(seen).filter((b) => b.kind === "cpu").map((b) => b.lane);
    seen = loop.trace.length;
    turns.push(steps);
    if (turns.length > 1000) fail("runOnce never returned false: the loop never ends");
  }
  return { result: task.result, finished: task.done, now: loop.now, turns };
}

/** The programs, by what they exercise. */
const PROGRAMS: Record<string, () => MiniCoro> = {
  "dinner: two tasks that sleep, joined": function* () {
    function* cook(waits: number[]): MiniCoro<number> {
      for (const s of waits) yield* nap(s);
      return yield* clock();
    }
    const soup = yield* spawn(cook([2, 3]), "soup");
    const toast = yield* spawn(cook([1, 1, 1]), "toast");
    return [yield* join(soup), yield* join(toast)];
  },
  "a join on a task that is done already": function* () {
    const quick = yield* spawn(
      (function* () {
        return 7;
      })(),
      "quick",
    );
    yield* nap(1);
    return yield* join(quick);
  },
  "equal wake-up times keep their order": function* () {
    const order: string[] = [];
    const sleeper = (name: string) =>
      (function* () {
        yield* nap(2);
        order.push(name);
      })();
    const tasks = [];
    for (const name of ["a", "b", "c"]) tasks.push(yield* spawn(sleeper(name), name));
    for (const t of tasks) yield* join(t);
    return order;
  },
  "a task woken during a turn waits for the next turn": function* () {
    const child = yield* spawn(
      (function* () {
        return yield* clock();
      })(),
      "child",
    );
    const t = yield* clock();
    return [yield* join(child), t, yield* clock()];
  },
};

const HIDDEN: Record<string, () => MiniCoro> = {
  "a chain of twenty tasks, each joining the one before": function* () {
    let previous: MiniTask | null = null;
    for (let i = 0; i < 20; i++) {
      const before: MiniTask | null = previous;
      previous = yield* spawn(
        (function* (): MiniCoro<number> {
          yield* nap(i % 3);
          return (before ? (yield* join(before)) as number : 0) + i;
        })(),
        `t${i}`,
      );
    }
    return yield* join(previous!);
  },
};

/** Compares the learner's loop with the reference on one program. */
function compare(b: Bindings, main: () => MiniCoro): void {
  expectFunction(b.runOnce, "runOnce");
  expectFunction(b.spawnTask, "spawnTask");
  expectFunction(b.MiniLoop, "MiniLoop");
  const mine = run(b as unknown as Impl, main);
  const want = run(ref as unknown as Impl, main);
  if (!mine.finished) {
    fail(
      `main never finished (the loop stopped at t=${mine.now} after ${mine.turns.length} turn(s))`,
    );
  }
  expectEqual(mine.result, want.result, `what main returned`);
  expectEqual(mine.now, want.now, "the clock at the end");
  expectEqual(mine.turns, want.turns, "the tasks that step in each turn");
}

export default defineChecks<Bindings>([
  ...Object.entries(PROGRAMS).map(([name, main]) => ({
    name,
    run: (b: Bindings) => compare(b, main),
  })),
  ...Object.entries(HIDDEN).map(([name, main]) => ({
    name,
    hidden: true,
    run: (b: Bindings) => compare(b, main),
  })),
]);
