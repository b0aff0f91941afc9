/**
 * Every task that is not finished yet.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running.ts";
import type { Task } from "./task.ts";

/**
 * The loop's tasks that are not done yet.
 *
 * @param loop The loop to ask; the running loop by default.
 * @returns A new set of pending tasks.
 * @example
 * ```ts
 * import { allTasks, EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * loop.createTask(sleep(1));
 * loop.createTask(sleep(2));
 * console.log(allTasks(loop).size); // 2
 * ```
 */
export function allTasks(loop?: EventLoop): Set<Task<unknown>> {
  return new Set((loop ?? getRunningLoop())._tasks);
}
