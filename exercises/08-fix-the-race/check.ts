/**
 * Checks for `08-fix-the-race`, on the virtual clock: ten concurrent
 * `addVisit` calls must count ten visits, and the lock must be free afterwards.
 *
 * @module
 */
import {
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  fail,
  gather,
  Lock,
  runOnVirtualClock,
  sleep,
} from "@course/lib";

type AddVisit = (counter: { visits: number }, lock: Lock) => Coroutine<void>;
type Bindings = { addVisit: AddVisit };

/** Runs `n` addVisit calls at once on a fresh counter and lock. */
async function visits({ addVisit }: Bindings, n: number) {
  expectGeneratorFunction(addVisit, "addVisit");
  const counter = { visits: 0 }, lock = new Lock();
  const run = await runOnVirtualClock(function* () {
    yield* gather(Array.from({ length: n }, () => addVisit(counter, lock)));
  }, { name: `${n} addVisit calls at once` });
  return { counter, lock, run };
}

export default defineChecks<Bindings>([
  {
    name: "addVisit is a generator function",
    run: ({ addVisit }) => expectGeneratorFunction(addVisit, "addVisit"),
  },
  {
    name: "ten visits at once count ten",
    run: async (bindings) => {
      const { counter, run } = await visits(bindings, 10);
      if (counter.visits !== 10) {
        fail(
          `after 10 concurrent addVisit calls counter.visits is ${counter.visits}, expected 10: ` +
            "the tasks read the counter before the others wrote it back",
          { trace: run.trace },
        );
      }
    },
  },
  {
    name: "the lock is free when every visit is done",
    run: async (bindings) => {
      const { lock } = await visits(bindings, 3);
      expectEqual(lock.locked(), false, "lock.locked() after the visits");
    },
  },
  {
    name: "an unrelated task keeps running while the visits wait for the lock",
    hidden: true,
    run: async ({ addVisit }) => {
      const counter = { visits: 0 }, lock = new Lock();
      let ticks = 0;
      await runOnVirtualClock(function* () {
        const clock = (function* () {
          for (let i = 0; i < 5; i++) {
            yield* sleep(1);
            ticks++;
          }
        })();
        yield* gather(addVisit(counter, lock), addVisit(counter, lock), clock);
      });
      expectEqual(ticks, 5, "ticks of a task that does not use the lock");
      expectEqual(counter.visits, 2, "counter.visits");
    },
  },
]);
