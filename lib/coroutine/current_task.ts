/**
 * Which task is running right now.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running.ts";
import type { Task } from "./task.ts";

/**
 * The task whose step is running, or `null` in a plain callback.
 *
 * @param loop The loop to ask; the running loop by default.
 * @returns The current task, or `null`.
 * @example
 * ```ts
 * import { currentTask, EventLoop } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* whoAmI() {
 *   return currentTask()!.getName();
 * }
 * console.log(await loop.runUntilComplete(loop.createTask(whoAmI(), { name: "me" }))); // "me"
 * ```
 */
export function currentTask(loop?: EventLoop): Task<unknown> | null {
  return (loop ?? getRunningLoop())._currentTask;
}
