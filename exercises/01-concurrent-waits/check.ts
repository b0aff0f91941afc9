/**
 * Checks for `01-concurrent-waits`, on the virtual clock: ten 1-second waits
 * run concurrently finish at virtual second 1, one after another at 10.
 *
 * @module
 */
import {
  type Coroutine,
  defineChecks,
  expectConcurrentTasks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
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
    name: "ten 1-second waits finish at virtual second 1.0, not 10",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (bindings) =>
      expectVirtualTime(await run(bindings), 1, {
        tooSlow: "the waits ran one after another; start them all, then wait for them together",
        tooFast: "did every wait really sleep for one second?",
      }),
  },
  {
    name: "the ten waits are in progress at the same time",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (bindings) => expectConcurrentTasks(await run(bindings), 10, "the ten waits"),
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
