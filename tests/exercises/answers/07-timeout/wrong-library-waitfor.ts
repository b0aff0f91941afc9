import { type Coroutine, TimeoutError, waitFor } from "@course/lib";

// Run `work`, but give up after `seconds`: then return `fallback` instead.
function* withTimeout<T>(work: Coroutine<T>, seconds: number, fallback: T): Coroutine<T> {
  try {
    return yield* waitFor(work, seconds); // cancels the work when time is up
  } catch (error) {
    if (error instanceof TimeoutError) return fallback;
    throw error; // any other failure is the caller's business
  }
}
