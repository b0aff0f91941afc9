/**
 * Checks for `07-my-gather`, on the virtual clock: the learner's `myGather`
 * against the library's `gather` as the reference.
 *
 * @module
 */
import {
  type Awaitable,
  type Coroutine,
  defineChecks,
  expectConcurrentTasks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  gather,
  getRunningLoop,
  runOnVirtualClock,
  sleep,
} from "@course/lib";

type Gather = (...aws: Awaitable<unknown>[]) => Coroutine<unknown>;
type Bindings = { myGather: Gather };

/** Three sleeps of 3, 1 and 2 seconds; or, with `futures`, two futures set by timers too. */
function* program(gatherWith: Gather, futures = false): Coroutine<unknown> {
  const aws: Awaitable<unknown>[] = [sleep(3, "a"), sleep(1, "b"), sleep(2, "c")];
  if (futures) {
    const loop = getRunningLoop();
    for (const [delay, value] of [[2.5, "f1"], [0.5, "f2"]] as const) {
      const future = loop.createFuture<string>();
      loop.callLater(delay, () => future.setResult(value));
      aws.push(future);
    }
  }
  return yield* gatherWith(...aws);
}

/** The library's gather, wrapped as a coroutine function like the learner's. */
const reference: Gather = function* (...aws) {
  return yield* gather(...aws);
};

/** Runs the program with the learner's gather and with the reference. */
async function both({ myGather }: Bindings, futures = false) {
  expectGeneratorFunction(myGather, "myGather");
  const mine = await runOnVirtualClock(() => program(myGather, futures), { name: "myGather(...)" });
  const want = await runOnVirtualClock(() => program(reference, futures));
  return { mine, want };
}

export default defineChecks<Bindings>([
  {
    name: "myGather is a generator function that does the gathering itself",
    misconception:
      "a plain or async function can be a coroutine of the course's loop (it must be a function* that waits with yield*)",
    run: ({ myGather }) => {
      expectGeneratorFunction(myGather, "myGather");
      // The library's combinators would do the whole job: the exercise is to write it.
      const used = /(?<![\w$])(gather|wait|asCompleted)\s*\(/.exec(String(myGather));
      if (used) {
        fail(`\`${used[1]}\` does the gathering for you: use createTask and yield* instead`);
      }
    },
  },
  {
    name: "the results come back in argument order",
    misconception:
      "results come back in the order the work finishes, not in the order it was asked for",
    run: async (bindings) => {
      const { mine, want } = await both(bindings);
      expectEqual(mine.value, want.value, 'myGather(sleep(3, "a"), sleep(1, "b"), sleep(2, "c"))');
    },
  },
  {
    name: "sleeps of 3, 1 and 2 seconds finish at virtual second 3, not 6",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (bindings) => {
      const { mine, want } = await both(bindings);
      expectVirtualTime(mine, want.time, {
        tooSlow:
          "the coroutines ran one after another: make each one a task before waiting for any",
        tooFast: "did every sleep really finish before myGather returned?",
      });
    },
  },
  {
    name: "the three sleeps are tasks in progress at the same time",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (bindings) =>
      // The three sleeps plus the task running the program.
      expectConcurrentTasks((await both(bindings)).mine, 4, "the three sleeps and the caller"),
  },
  {
    name: "futures can be gathered too, alongside coroutines",
    hidden: true,
    run: async (bindings) => {
      const { mine, want } = await both(bindings, true);
      expectEqual(mine.value, want.value, "myGather(three sleeps, two futures)");
      expectVirtualTime(mine, want.time);
    },
  },
  {
    name: "nothing to gather: an empty array at once",
    hidden: true,
    run: async ({ myGather }) => {
      const run = await runOnVirtualClock(() => myGather(), { name: "myGather()" });
      expectEqual(run.value, [], "myGather()");
      expectVirtualTime(run, 0);
    },
  },
]);
