/**
 * Which loop is running right now. One loop runs at a time in a JavaScript
 * isolate (one thread), so this is a single slot.
 *
 * @module
 */
import type { EventLoop } from "./event_loop.ts";
import { RuntimeError } from "./errors.ts";

let running: EventLoop | null = null;

/**
 * The loop that is running now: call it from inside a task or callback.
 *
 * @returns The running {@link EventLoop}.
 * @throws {RuntimeError} When no loop is running.
 * @example
 * ```ts
 * import { EventLoop, getRunningLoop } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const found = await loop.runUntilComplete((function* () {
 *   return getRunningLoop();
 * })());
 * console.log(found === loop); // true
 * ```
 */
export function getRunningLoop(): EventLoop {
  if (running === null) {
    throw new RuntimeError(
      "no running event loop: call this from a task or callback while loop.runUntilComplete() runs",
    );
  }
  return running;
}

/**
 * The running loop or `null`, without throwing.
 * @returns The running loop, if any.
 * @ignore
 */
export function _peekRunningLoop(): EventLoop | null {
  return running;
}

/**
 * Marks `loop` as running (or none with `null`); the loop calls this itself.
 * @param loop The loop that starts, or `null` when it stops.
 * @ignore
 */
export function _setRunningLoop(loop: EventLoop | null): void {
  running = loop;
}
