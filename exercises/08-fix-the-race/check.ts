/**
 * Checks for `08-fix-the-race`, on the virtual clock: eight customers for five
 * seats, all at once. Exactly five are booked, in the order they came, and the
 * lock is free at the end.
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

type Hall = { free: number; booked: string[] };
type Reserve = (hall: Hall, lock: Lock, name: string) => Coroutine<boolean>;
type Bindings = { reserve: Reserve };

const CUSTOMERS = ["ann", "bo", "cy", "di", "ed", "flo", "gus", "hal"];

/** Runs every customer's reserve at once on a fresh hall of `seats` seats. */
async function rush({ reserve }: Bindings, seats: number) {
  expectGeneratorFunction(reserve, "reserve");
  const hall: Hall = { free: seats, booked: [] }, lock = new Lock();
  const run = await runOnVirtualClock(function* () {
    return yield* gather(CUSTOMERS.map((name) => reserve(hall, lock, name)));
  }, { name: `${CUSTOMERS.length} customers for ${seats} seats` });
  return { hall, lock, run };
}

export default defineChecks<Bindings>([
  {
    name: "reserve is a generator function",
    run: ({ reserve }) => expectGeneratorFunction(reserve, "reserve"),
  },
  {
    name: "8 customers at once for 5 seats: 5 booked, none twice, no seat count below 0",
    run: async (bindings) => {
      const { hall, run } = await rush(bindings, 5);
      if (hall.booked.length !== 5 || hall.free !== 0) {
        fail(
          `after the rush ${hall.booked.length} seats are booked and hall.free is ${hall.free}, ` +
            "expected 5 and 0: customers checked for a free seat before the others had booked",
          { trace: run.trace },
        );
      }
    },
  },
  {
    name: "first come, first served: the first five get seats, the others get false",
    run: async (bindings) => {
      const { hall, run } = await rush(bindings, 5);
      expectEqual(hall.booked, CUSTOMERS.slice(0, 5), "hall.booked");
      expectEqual(run.value, CUSTOMERS.map((_, i) => i < 5), "what reserve returned");
    },
  },
  {
    name: "the lock is free after the rush",
    run: async (bindings) => {
      const { lock } = await rush(bindings, 2);
      expectEqual(lock.locked(), false, "lock.locked() after every reserve returned");
    },
  },
  {
    name: "a task that does not use the lock keeps running meanwhile",
    hidden: true,
    run: async ({ reserve }) => {
      const hall: Hall = { free: 1, booked: [] }, lock = new Lock();
      let ticks = 0;
      await runOnVirtualClock(function* () {
        const clock = (function* () {
          for (let i = 0; i < 3; i++) {
            yield* sleep(1);
            ticks++;
          }
        })();
        yield* gather(reserve(hall, lock, "ann"), reserve(hall, lock, "bo"), clock);
      });
      expectEqual(ticks, 3, "ticks of a task that does not use the lock");
      expectEqual(hall.booked, ["ann"], "hall.booked");
    },
  },
]);
