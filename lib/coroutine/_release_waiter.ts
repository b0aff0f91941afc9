/**
 * Small helpers shared by the waiting functions. Private to the library.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "./future.ts";

/**
 * Wakes whoever waits on `waiter`, once.
 * @param waiter A future used as a signal.
 */
export function releaseWaiter(waiter: Future<void>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/**
 * Cancels `future` and waits until it is really done (its coroutine may
 * catch the cancellation and clean up first).
 * @param future What to cancel.
 * @param loop The running loop.
 * @returns A coroutine that finishes once `future` is done.
 */
export function* cancelAndWait(future: Future<unknown>, loop: EventLoop): Generator<unknown, void> {
  const waiter = loop.createFuture<void>();
  const onDone = () => releaseWaiter(waiter);
  future.addDoneCallback(onDone);
  try {
    future.cancel();
    yield* waiter;
  } finally {
    future.removeDoneCallback(onDone);
  }
}
