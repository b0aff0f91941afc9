/**
 * The error for a command line the grader cannot act on (exit code 2): an
 * unknown id, a path that does not exist, an output path it must not write.
 *
 * @module
 */

/**
 * A usage error: the message says what is wrong and what to do; `main` prints
 * it and exits with 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * const error = new UsageError("no such notebook: x.ipynb");
 * console.log(error instanceof UsageError, error.message);
 * ```
 */
export class UsageError extends Error {
  /**
   * @param message What is wrong with the command line, and what to do.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
