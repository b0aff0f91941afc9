/**
 * `ValueError`: Python's error for an argument of the right type but a wrong value.
 *
 * @module
 */

/**
 * Thrown at once for an argument of the right type with a value that makes no
 * sense (`sleep(NaN)`, `new Semaphore(-1)`, `queue.taskDone()` once too often),
 * where Python raises `ValueError`. It extends JavaScript's `RangeError`, so
 * `catch (e) { if (e instanceof RangeError) ... }` sees it too.
 *
 * @example
 * ```ts
 * import { Semaphore, ValueError } from "@course/lib";
 * try {
 *   new Semaphore(-1);
 * } catch (error) {
 *   console.log(error instanceof ValueError, error instanceof RangeError); // true true
 * }
 * ```
 */
export class ValueError extends RangeError {
  /**
   * Creates the error.
   * @param message What was wrong with the value.
   * @param options Standard error options.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ValueError";
  }
}
