/**
 * Checks for `10-await-your-loop`, capstone stage 4: plain `async`
 * functions, with JavaScript's own `await` and `Promise.all`, run on the
 * learner's stage-1 callback loop through the learner's thenable `sleepOn`.
 * The virtual clock says whether the waits ran one after another or together.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, show } from "@course/lib";

interface CallbackLoop {
  now: number;
  ready: (() => void)[];
  timers: { when: number; callback: () => void }[];
}
type SleepOn = (loop: CallbackLoop, seconds: number) => { then(resolve: () => void): unknown };
type RunAsync = <T>(loop: CallbackLoop, main: () => Promise<T>) => Promise<T>;
type Bindings = { sleepOn: unknown; runAsync: unknown };

const newLoop = (): CallbackLoop => ({ now: 0, ready: [], timers: [] });

/** Runs `main` with the learner's functions on a fresh loop; gives up after 1.5 s of real time. */
async function run<T>(b: Bindings, main: (sleep: (s: number) => PromiseLike<void>) => Promise<T>) {
  expectFunction(b.sleepOn, "sleepOn");
  expectFunction(b.runAsync, "runAsync");
  const loop = newLoop();
  const sleep = (s: number) => (b.sleepOn as SleepOn)(loop, s) as PromiseLike<void>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("stuck")), 1500);
  });
  try {
    const value = await Promise.race([(b.runAsync as RunAsync)(loop, () => main(sleep)), stuck]);
    return { value, now: loop.now };
  } catch (error) {
    if ((error as Error).message === "stuck") {
      fail(
        "runAsync did not settle within 1.5 s of real time: does it turn the loop until main is done?",
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export default defineChecks<Bindings>([
  {
    name: "sleepOn returns a thenable whose then() sets a timer on the loop",
    run: ({ sleepOn }) => {
      expectFunction(sleepOn, "sleepOn");
      const loop = newLoop();
      loop.now = 10;
      const thenable = (sleepOn as SleepOn)(loop, 2);
      if (typeof thenable?.then !== "function") {
        fail(`sleepOn(loop, 2) returned ${show(thenable)}: it needs a then(resolve) method`);
      }
      if (loop.timers.length !== 0) fail("sleepOn set a timer before anybody called then()");
      thenable.then(() => {});
      expectEqual(
        loop.timers.map((t) => t.when),
        [12],
        "the timers' `when` after then() at now = 10",
      );
    },
  },
  {
    name: "awaits one after another add up on the virtual clock",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (b) => {
      const { value, now } = await run(b, async (sleep) => {
        await sleep(1);
        await sleep(2);
        return "done";
      });
      expectEqual(value, "done", "what main returned");
      expectEqual(now, 3, "the loop's clock at the end");
    },
  },
  {
    name: "Promise.all of two async functions waits as long as the longer one",
    misconception: "waits gathered with Promise.all take the sum of their times",
    run: async (b) => {
      const { value, now } = await run(b, async (sleep) => {
        const cook = async (dish: string, waits: number[]) => {
          for (const s of waits) await sleep(s);
          return dish;
        };
        return await Promise.all([cook("soup", [2, 3]), cook("toast", [1, 1, 1])]);
      });
      expectEqual(value, ["soup", "toast"], "what main returned");
      expectEqual(now, 5, "the loop's clock at the end (the waits overlap)");
    },
  },
  {
    name: "a failure inside main reaches runAsync's caller",
    hidden: true,
    run: async (b) => {
      try {
        await run(b, async (sleep) => {
          await sleep(1);
          throw new RangeError("burnt");
        });
      } catch (error) {
        if (error instanceof RangeError) return;
        throw error;
      }
      fail("runAsync resolved although main threw after its first wait");
    },
  },
  {
    name: "main that waits for nothing the loop will ever do is an error, not a hang",
    hidden: true,
    run: async (b) => {
      try {
        await run(b, () => new Promise<void>(() => {}));
      } catch (error) {
        if ((error as Error).message.includes("did not settle within")) throw error;
        return; // runAsync rejected: good
      }
      fail("runAsync resolved although main never finished");
    },
  },
]);
