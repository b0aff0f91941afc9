/**
 * `waitFor`: wait for something, but not longer than a timeout.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import { type Awaitable, type Coroutine, isCoroutine } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import { CancelledError, TimeoutError } from "./errors.ts";
import { cancelAndWait, releaseWaiter } from "./_release_waiter.ts";

/**
 * Waits for `awaitable` for at most `timeout` seconds. On timeout it cancels `awaitable`,
 * waits until the cancellation is complete, and throws {@link TimeoutError}.
 * If the waiting task itself is cancelled, `awaitable` is cancelled too.
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
  const future = ensureFuture(awaitable, loop);
  if (timeout <= 0) {
    if (future.done()) return future.result();
    yield* cancelAndWait(future, loop);
    return timedOut(future.result.bind(future), timeout);
  }

  const waiter = loop.createFuture<void>();
  const timer = loop.callLater(timeout, releaseWaiter, waiter);
  const onDone = () => releaseWaiter(waiter);
  future.addDoneCallback(onDone);
  try {
    try {
      yield* waiter;
    } catch (error) {
      // We were cancelled while waiting: cancel what we wait for, too.
      if (error instanceof CancelledError) {
        if (future.done()) return future.result();
        future.removeDoneCallback(onDone);
        yield* cancelAndWait(future, loop);
      }
      throw error;
    }
    if (future.done()) return future.result();
    future.removeDoneCallback(onDone);
    yield* cancelAndWait(future, loop);
    return timedOut(future.result.bind(future), timeout);
  } finally {
    timer.cancel();
  }
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
