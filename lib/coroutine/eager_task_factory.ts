/**
 * `eagerTaskFactory`: tasks that start at once, like JavaScript's `async function`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Coroutine } from "./coroutine.ts";
import { Task, type TaskOptions } from "./task.ts";

/**
 * Python 3.12's `asyncio.eager_task_factory`. Set it with
 * `loop.setTaskFactory(eagerTaskFactory)` and `createTask(coro)` runs the
 * coroutine's first step at once, inside the call, up to its first real
 * wait; a coroutine that never waits is done before `createTask` returns.
 * That is how every JavaScript `async function` starts (it runs synchronously
 * up to its first `await`); asyncio's default, and the loop's, is lazy:
 * nothing runs until the loop's next turn.
 *
 * @param loop The loop the task belongs to.
 * @param coro The coroutine.
 * @param options The task's options (`name`).
 * @returns A task whose first step already ran (if the loop is running).
 * @example
 * ```ts
 * import { createTask, eagerTaskFactory, EventLoop } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * loop.setTaskFactory(eagerTaskFactory);
 * const order: string[] = [];
 * await loop.runUntilComplete((function* () {
 *   createTask((function* () { order.push("child runs"); })());
 *   order.push("parent goes on");
 * })());
 * console.log(order); // [ "child runs", "parent goes on" ]
 * ```
 */
export function eagerTaskFactory<T>(
  loop: EventLoop,
  coro: Coroutine<T>,
  options?: TaskOptions,
): Task<T> {
  return new Task(coro, loop, { ...options, eagerStart: true });
}
