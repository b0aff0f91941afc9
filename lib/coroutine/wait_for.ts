/**
 * `waitFor`: wait for something, but not longer than a timeout.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import { type Awaitable, type Coroutine, isCoroutine } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import { CancelledError, TimeoutError } from "./errors.ts";
import { cancelAndWait } from "./_release_waiter.ts";
import { timeout as timeoutAfter } from "./timeout.ts";

/**
 * Waits for `awaitable` for at most `timeout` seconds. On timeout it cancels `awaitable`,
 * waits until the cancellation is complete, and throws {@link TimeoutError}.
 * If the waiting task itself is cancelled, `awaitable` is cancelled too, and
 * the CancelledError propagates even when `awaitable` finished in the same
 * turn (asyncio 3.12, GH-86296). Built on {@link timeout}, as asyncio's is.
 *
 * @param awaitable A future, task or coroutine.
 * @param timeout Seconds, or `null` to wait without a limit.
 * @returns A coroutine returning `awaitable`'s result.
 * @example
 * ```ts
 * import { EventLoop, sleep, TimeoutError, waitFor } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* main() {
 *   try {
 *     return yield* waitFor(sleep(10, "late"), 2);
 *   } catch (error) {
 *     return error instanceof TimeoutError ? `gave up at ${loop.time()}` : "?";
 *   }
 * }
 * console.log(await loop.runUntilComplete(main())); // "gave up at 2"
 * ```
 */
export function* waitFor<T>(awaitable: Awaitable<T>, timeout: number | null): Coroutine<T> {
  const loop = getRunningLoop();
  if (timeout === null || timeout === undefined) {
    return isCoroutine(awaitable) ? yield* awaitable : yield* ensureFuture(awaitable, loop);
  }
  const deadline = timeoutAfter(timeout); // TypeError / ValueError for a bad timeout, at once
  if (timeout <= 0) {
    const future = ensureFuture(awaitable, loop);
    if (future.done()) return future.result();
    yield* cancelAndWait(future, loop);
    return timedOut(future.result.bind(future), timeout);
  }
  // asyncio 3.12's wait_for: `async with timeout(t): return await fut`. The deadline cancels
  // this task, which cancels what it waits for; and when this task is cancelled from outside,
  // the CancelledError wins even if the inner future finished in the same turn (GH-86296).
  return yield* deadline.run(function* () {
    return isCoroutine(awaitable) ? yield* awaitable : yield* ensureFuture(awaitable, loop);
  });
}

// The inner future was cancelled by us: that is a timeout. (If it caught the
// cancellation and returned a value anyway, that value wins, as in asyncio.)
function timedOut<T>(result: () => T, timeout: number): T {
  try {
    return result();
  } catch (error) {
    if (error instanceof CancelledError) {
      throw new TimeoutError(`timed out after ${timeout} s`, { cause: error });
    }
    throw error;
  }
}
