/**
 * `createTask`: asyncio's `create_task`, on the running loop.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import type { Coroutine } from "./coroutine.ts";
import type { Task, TaskOptions } from "./task.ts";

/**
 * Wraps a coroutine in a task on the running loop: the coroutine starts at the
 * loop's next turn, while the caller goes on. Keep the task (or await it): its
 * result, or its error, is read from it.
 *
 * @param coro A coroutine object (call the generator function first).
 * @param options A name for traces and error messages.
 * @returns The scheduled task.
 * @example
 * ```ts
 * import { createTask, EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const total = await loop.runUntilComplete((function* () {
 *   const a = createTask(sleep(1, 1)), b = createTask(sleep(1, 2), { name: "b" });
 *   return (yield* a) + (yield* b); // both slept at once: done at second 1
 * })());
 * console.log(total, loop.time()); // 3 1
 * ```
 */
export function createTask<T>(coro: Coroutine<T>, options?: TaskOptions): Task<T> {
  return getRunningLoop().createTask(coro, options);
}
