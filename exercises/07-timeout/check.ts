/**
 * Checks for `07-timeout`, on the virtual clock: `withTimeout` returns the
 * work's result when it is quick, the fallback at the deadline when it is not,
 * and cancels the work it gave up on. The learner builds it from a task, a
 * timer and cancellation: a solution that calls the library's `waitFor` (or
 * `wait` with a timeout), which already does all of it, fails.
 *
 * @module
 */
import {
  CancelledError,
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  runOnVirtualClock,
  show,
  sleep,
} from "@course/lib";

type WithTimeout = (
  work: Coroutine<unknown>,
  seconds: number,
  fallback: unknown,
) => Coroutine<unknown>;
type Bindings = { withTimeout: WithTimeout };

/** Work that takes `seconds` and then returns `value`, recording whether it was cancelled. */
function job(seconds: number, value: unknown, seen: { cancelled: boolean }): Coroutine<unknown> {
  return (function* work() {
    try {
      return yield* sleep(seconds, value);
    } catch (error) {
      if (error instanceof CancelledError) seen.cancelled = true;
      throw error;
    }
  })();
}

/** Runs withTimeout(job of `takes` seconds, `limit`, fallback) on the virtual clock. */
async function run({ withTimeout }: Bindings, takes: number, limit: number) {
  expectGeneratorFunction(withTimeout, "withTimeout");
  const seen = { cancelled: false };
  const call = `withTimeout(work of ${takes} s, ${limit}, "fallback")`;
  const result = await runOnVirtualClock(
    () => withTimeout(job(takes, `done after ${takes} s`, seen), limit, "fallback"),
    { name: call },
  );
  // The reference: the work's value if it finishes first, else the fallback at the deadline.
  const want = takes <= limit
    ? { value: `done after ${takes} s`, time: takes }
    : { value: "fallback", time: limit };
  return { result, want, seen, call };
}

export default defineChecks<Bindings>([
  {
    name: "withTimeout is a generator function built without waitFor",
    misconception:
      "a plain or async function can be a coroutine of the course's loop (it must be a function* that waits with yield*)",
    run: ({ withTimeout }) => {
      expectGeneratorFunction(withTimeout, "withTimeout");
      const used = /\b(waitFor|wait)\s*\(/.exec(String(withTimeout));
      if (used) {
        fail(
          `\`${used[1]}\` does the whole job for you: build it from a task, a timer and cancel()`,
        );
      }
    },
  },
  {
    name: "quick work: its result, as soon as it is done",
    run: async (bindings) => {
      const { result, want, call } = await run(bindings, 1, 2);
      expectEqual(result.value, want.value, call);
      expectVirtualTime(result, want.time);
    },
  },
  {
    name: "slow work: the fallback, at the deadline",
    misconception: "a timeout gives up only after the slow work has finished",
    run: async (bindings) => {
      const { result, want, call } = await run(bindings, 5, 2);
      if (result.value !== want.value || Math.abs(result.time - want.time) > 1e-6) {
        fail(
          `${call} returned ${show(result.value)} at virtual second ${result.time}, expected ` +
            `${show(want.value)} at virtual second ${want.time}: wait at most \`seconds\``,
          { trace: result.trace },
        );
      }
    },
  },
  {
    name: "the slow work is cancelled, not left running",
    misconception: "a timeout only stops the waiting; the slow work is left running",
    run: async (bindings) => {
      const { seen } = await run(bindings, 5, 2);
      if (!seen.cancelled) {
        fail("the work never saw a CancelledError: cancel what you stop waiting for");
      }
    },
  },
  {
    name: "an error thrown by the work reaches the caller",
    misconception: "an error in the awaited work is swallowed by the timeout wrapper",
    hidden: true,
    run: async ({ withTimeout }) => {
      function* broken(): Coroutine<unknown> {
        yield* sleep(1);
        throw new RangeError("broken work");
      }
      try {
        await runOnVirtualClock(() => withTimeout(broken(), 2, "fallback"));
      } catch (error) {
        if (error instanceof RangeError) return;
        throw error;
      }
      fail("withTimeout hid the work's RangeError: only a timeout should give the fallback");
    },
  },
  {
    name: "work that is cancelled by someone else is not a timeout",
    hidden: true,
    run: async ({ withTimeout }) => {
      function* quitter(): Coroutine<unknown> {
        yield* sleep(1);
        throw new CancelledError("the work gave up by itself");
      }
      try {
        const result = await runOnVirtualClock(() => withTimeout(quitter(), 2, "fallback"));
        fail(
          `withTimeout returned ${show(result.value)} at virtual second ${result.time} for work ` +
            "that was cancelled before the deadline: only your own timer's cancel means a timeout",
        );
      } catch (error) {
        if (error instanceof CancelledError) return;
        throw error;
      }
    },
  },
]);
