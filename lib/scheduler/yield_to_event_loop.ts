/**
 * `yieldToEventLoop`: pause an async function until the event loop has run other tasks.
 *
 * @module
 */

/**
 * Resolves on a later turn of the event loop (a macrotask), after the timers
 * that were already due, so a long computation cut into chunks keeps timers and
 * I/O callbacks responsive.
 *
 * `await Promise.resolve()` would not do: it is a microtask and runs before
 * anything else. A `MessageChannel` message is a macrotask too, but measured on
 * Deno 2.9 it does not give due timers a turn (a 10 ms timer waited for the whole
 * computation), so this uses `setTimeout(0)`. Each hop costs about 2 ms here:
 * yield between chunks of several milliseconds of work, not after every item.
 *
 * @returns A promise that settles after the timers due now have run.
 * @example
 * ```ts
 * import { yieldToEventLoop } from "@course/lib/scheduler/mod.ts";
 * let ticked = false;
 * setTimeout(() => (ticked = true), 0);
 * await yieldToEventLoop();
 * console.log(ticked); // true: the timer that was due ran first
 * ```
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
