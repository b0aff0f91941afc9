/**
 * `yieldToEventLoop`: pause an async function until the event loop has run other tasks.
 *
 * @module
 */

/**
 * Resolves on a later turn of the event loop (a macrotask), so timers, I/O
 * callbacks and other tasks get to run first.
 *
 * `await Promise.resolve()` would not do: it is a microtask and runs before
 * anything else. `setTimeout(0)` would, but nested timers are clamped to a few
 * milliseconds each; a `MessageChannel` message is a macrotask with no clamp.
 *
 * @returns A promise that settles on the next macrotask.
 * @example
 * ```ts
 * import { yieldToEventLoop } from "@course/lib/scheduler/mod.ts";
 * let ticked = false;
 * setTimeout(() => (ticked = true), 0);
 * while (!ticked) await yieldToEventLoop(); // a busy loop that still lets the timer fire
 * ```
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
    port2.close();
  });
}
