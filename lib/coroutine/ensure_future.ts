/**
 * Turning any awaitable into a future: futures pass through, coroutines get
 * wrapped in a task.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running.ts";
import { type Awaitable, isCoroutine, notAwaitableMessage } from "./coroutine.ts";
import { Future } from "./future.ts";
import { ValueError } from "./value_error.ts";

/**
 * Returns `awaitable` itself if it is a future or task, or a new task running it if
 * it is a coroutine.
 *
 * @param awaitable A future, task or coroutine.
 * @param loop The loop for a new task; the running loop by default.
 * @returns A future for `awaitable`.
 * @throws {TypeError} If `awaitable` is neither; {@link ValueError} for a future of another loop.
 * @example
 * ```ts
 * import { ensureFuture, EventLoop, sleep, Task } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const task = ensureFuture(sleep(1), loop);
 * console.log(task instanceof Task); // true
 * ```
 */
export function ensureFuture<T>(awaitable: Awaitable<T>, loop?: EventLoop): Future<T> {
  if (awaitable instanceof Future) {
    if (loop !== undefined && awaitable.getLoop() !== loop) {
      throw new ValueError(
        "The future belongs to a different loop than the one specified as the loop argument",
      );
    }
    return awaitable;
  }
  // Through loop.createTask, so that a task factory (setTaskFactory) or a subclass applies.
  if (isCoroutine(awaitable)) return (loop ?? getRunningLoop()).createTask(awaitable);
  throw new TypeError(notAwaitableMessage(awaitable));
}
