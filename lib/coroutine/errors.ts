/**
 * The errors of futures and tasks, named as in asyncio.
 *
 * @module
 */

/**
 * Raised inside a coroutine at its current wait point when its task is
 * cancelled, and by `result()` of a cancelled future. A coroutine may catch it
 * to clean up; swallowing it means the task was not cancelled after all.
 * Unlike Python, where it is a `BaseException`, a bare `catch` catches it too:
 * rethrow it unless you mean to refuse the cancellation.
 *
 * @example
 * ```ts
 * import { CancelledError, EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const task = loop.createTask(sleep(10));
 * loop.callLater(1, () => task.cancel("too slow"));
 * try {
 *   await loop.runUntilComplete(task);
 * } catch (error) {
 *   console.log(error instanceof CancelledError, (error as Error).message); // true "too slow"
 * }
 * ```
 */
export class CancelledError extends Error {
  /**
   * Creates the error; the loop does, when a cancellation reaches a coroutine.
   *
   * @param message The cancel message, if one was given to `cancel(msg)`.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CancelledError";
  }
}

/**
 * Raised when a future is used in the wrong state: setting a result twice,
 * or asking for the result before there is one.
 *
 * @example
 * ```ts
 * import { EventLoop, InvalidStateError } from "@course/lib";
 * const future = new EventLoop().createFuture<number>();
 * try {
 *   future.result();
 * } catch (error) {
 *   console.log(error instanceof InvalidStateError); // true: not done yet
 * }
 * ```
 */
export class InvalidStateError extends Error {
  /**
   * Creates the error.
   *
   * @param message What was wrong.
   * @param options Standard error options.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "InvalidStateError";
  }
}

/**
 * Raised by `waitFor` (and `wait`/`asCompleted` with a timeout) when time ran
 * out. This is our own class, not the DOM's `DOMException` named
 * "TimeoutError" that `AbortSignal.timeout()` produces: test with
 * `instanceof TimeoutError` after importing it from `@course/lib`.
 *
 * @example
 * ```ts
 * import { EventLoop, sleep, TimeoutError, waitFor } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * try {
 *   await loop.runUntilComplete(waitFor(sleep(10), 1));
 * } catch (error) {
 *   console.log(error instanceof TimeoutError, loop.time()); // true 1
 * }
 * ```
 */
export class TimeoutError extends Error {
  /**
   * Creates the error.
   *
   * @param message What timed out.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message = "timed out", options?: ErrorOptions) {
    super(message, options);
    this.name = "TimeoutError";
  }
}
