/**
 * The errors of the coordination primitives, named as in asyncio.
 *
 * @module
 */

/**
 * Thrown by `queue.getNowait()` when the queue is empty.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from "@course/lib";
 * try {
 *   new Queue().getNowait();
 * } catch (error) {
 *   console.log(error instanceof QueueEmpty); // true
 * }
 * ```
 */
export class QueueEmpty extends Error {
  /**
   * Creates the error.
   * @param message What was empty.
   */
  constructor(message = "the queue is empty") {
    super(message);
    this.name = "QueueEmpty";
  }
}

/**
 * Thrown by `queue.putNowait()` when the queue holds `maxsize` items.
 *
 * @example
 * ```ts
 * import { Queue, QueueFull } from "@course/lib";
 * const queue = new Queue<number>({ maxsize: 1 });
 * queue.putNowait(1);
 * try {
 *   queue.putNowait(2);
 * } catch (error) {
 *   console.log(error instanceof QueueFull); // true
 * }
 * ```
 */
export class QueueFull extends Error {
  /**
   * Creates the error.
   * @param message What was full.
   */
  constructor(message = "the queue is full") {
    super(message);
    this.name = "QueueFull";
  }
}

/**
 * Thrown by `put` after `queue.shutdown()`, and by `get` once a shut-down
 * queue is empty (at once with `shutdown({ immediate: true })`).
 *
 * @example
 * ```ts
 * import { Queue, QueueShutDown } from "@course/lib";
 * const queue = new Queue<number>();
 * queue.shutdown();
 * try {
 *   queue.putNowait(1);
 * } catch (error) {
 *   console.log(error instanceof QueueShutDown); // true
 * }
 * ```
 */
export class QueueShutDown extends Error {
  /**
   * Creates the error.
   * @param message What was refused.
   */
  constructor(message = "the queue is shut down") {
    super(message);
    this.name = "QueueShutDown";
  }
}

/**
 * Thrown by `barrier.wait()` when the barrier is aborted, or reset while a task waits in it.
 *
 * @example
 * ```ts
 * import { BrokenBarrierError } from "@course/lib";
 * console.log(new BrokenBarrierError().name); // "BrokenBarrierError"
 * ```
 */
export class BrokenBarrierError extends Error {
  /**
   * Creates the error.
   * @param message Why the barrier broke.
   */
  constructor(message = "the barrier is broken") {
    super(message);
    this.name = "BrokenBarrierError";
  }
}
