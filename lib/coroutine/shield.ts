/**
 * `shield`: protect an awaitable from being cancelled by whoever waits for it.
 *
 * @module
 */
import type { Awaitable } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import type { Future } from "./future.ts";

/**
 * Returns a future that mirrors `awaitable`'s outcome, but whose cancellation does
 * not reach `awaitable`: if the task waiting on the shield is cancelled, `awaitable` keeps
 * running. (If `awaitable` itself is cancelled, the shield is cancelled too.)
 *
 * @param awaitable A future, task or coroutine.
 * @returns An outer future for `awaitable`.
 * @example
 * ```ts
 * import { EventLoop, shield, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const inner = loop.createTask(sleep(2, "saved"));
 * const outer = shield(inner);
 * loop.callLater(1, () => outer.cancel());
 * console.log(await loop.runUntilComplete(inner)); // "saved": the cancel stopped at the shield
 * ```
 */
export function shield<T>(awaitable: Awaitable<T>): Future<T> {
  const inner = ensureFuture(awaitable);
  if (inner.done()) return inner;
  const outer = inner.getLoop().createFuture<T>();
  const onInnerDone = (done: Future<T>) => {
    if (outer.cancelled()) {
      if (!done.cancelled()) done.exception(); // seen: do not report it as lost
      return;
    }
    if (done.cancelled()) outer.cancel();
    else if (done._hasException()) outer.setException(done.exception());
    else outer.setResult(done.result());
  };
  const onOuterDone = () => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
