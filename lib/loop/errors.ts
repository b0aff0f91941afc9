/**
 * The loop's own error: a call made at the wrong moment in the loop's life.
 *
 * @module
 */

/**
 * Raised when the loop is used at the wrong moment: running a loop that is
 * already running or closed, scheduling on a closed loop, asking for the
 * running loop when none runs, or a virtual-clock loop that can never finish.
 * Named after Python's `RuntimeError`, which asyncio raises in the same places.
 *
 * @example
 * ```ts
 * import { getRunningLoop, RuntimeError } from "@course/lib";
 * try {
 *   getRunningLoop();
 * } catch (error) {
 *   console.log(error instanceof RuntimeError); // true: no loop is running here
 * }
 * ```
 */
export class RuntimeError extends Error {
  /**
   * Creates the error.
   *
   * @param message What went wrong.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RuntimeError";
  }
}
