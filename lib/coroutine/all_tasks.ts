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
 * A deliberate difference from asyncio: the loop holds its pending tasks
 * strongly, where asyncio keeps them in a WeakSet. In asyncio a task that
 * waits for a future nobody else holds can be garbage collected ("Task was
 * destroyed but it is pending!"), which is why its documentation says to keep
 * a reference to every task you create. Here such a task stays pending and
 * shows up in `allTasks()` (and `run()` cancels it at the end): a WeakRef and a
 * FinalizationRegistry entry per task cost more than the task itself in V8
 * (tried: the benchmark's per-task memory grew by about a quarter and its
 * sleeper row ran up to twice as long). Keeping references to your tasks, or a
 * `TaskGroup`, is still the right habit: it is what makes their errors seen.
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
