/**
 * Checks for `01-concurrent-waits`, on the virtual clock: ten 1-second
 * downloads, at most three at a time, finish at virtual second 4 (one after
 * another: 10; all at once: 1, and too many at the server). The peak number of
 * downloads in progress comes from the trace.
 *
 * @module
 */
import {
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  peakTasksInProgress,
  runOnVirtualClock,
} from "@course/lib";

type Bindings = { waitAll: () => Coroutine<unknown> };

/** Runs the learner's `waitAll()` on a fresh virtual-clock loop. */
function run({ waitAll }: Bindings) {
  expectGeneratorFunction(waitAll, "waitAll");
  return runOnVirtualClock(() => waitAll(), { name: "waitAll()" });
}

export default defineChecks<Bindings>([
  {
    name: "waitAll is a generator function",
    misconception:
      "a plain or async function can be a coroutine of the course's loop (it must be a function* that waits with yield*)",
    run: ({ waitAll }) => expectGeneratorFunction(waitAll, "waitAll"),
  },
  {
    name: "never more than three downloads at once",
    misconception:
      "concurrency is all or nothing: everything at once or one after another, with no limit in between",
    run: async (bindings) => {
      const result = await run(bindings);
      // The caller's own task is in progress too.
      const peak = peakTasksInProgress(result.trace) - 1;
      if (peak > 3) {
        fail(`${peak} downloads were in progress at the same moment; the server allows 3`, {
          trace: result.trace,
        });
      }
    },
  },
  {
    name: "ten 1-second downloads, three at a time, finish at virtual second 4",
    misconception:
      "concurrency is all or nothing: everything at once or one after another, with no limit in between",
    run: async (bindings) =>
      expectVirtualTime(await run(bindings), 4, {
        tooSlow: "some downloads waited although fewer than three were in progress",
        tooFast: "did every download take its second, three at most at a time?",
      }),
  },
  {
    name: "waitAll returns the ten results in order",
    misconception:
      "results come back in the order the work finishes, not in the order it was asked for",
    hidden: true,
    run: async (bindings) =>
      expectEqual(
        (await run(bindings)).value,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "waitAll()'s result",
      ),
  },
]);
