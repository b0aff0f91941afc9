/**
 * `Semaphore` and `BoundedSemaphore`: at most N tasks at a time.
 *
 * @module
 */
import { CancelledError } from "../coroutine/errors.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { ValueError } from "../coroutine/value_error.ts";
import { LoopBinding, releasing, Waiters } from "./_waiters.ts";

/**
 * asyncio's `Semaphore`: a counter of free places. `acquire()` takes one or
 * waits; `release()` gives one back and wakes the first waiter. FIFO: while
 * anyone waits, a newcomer waits too even if a place is free. A waiter
 * cancelled after it was handed a place gives the place back.
 *
 * @example
 * ```ts
 * import { gather, Semaphore, run, sleep } from "@course/lib";
 * const places = new Semaphore(2);
 * let inFlight = 0, most = 0;
 * function* fetchPage(n: number) {
 *   using _place = yield* places.hold();
 *   most = Math.max(most, ++inFlight);
 *   yield* sleep(1);
 *   inFlight--;
 *   return n;
 * }
 * await run((function* () {
 *   yield* gather(...[1, 2, 3, 4, 5].map(fetchPage));
 * })(), { clock: "virtual" });
 * console.log(most); // 2
 * ```
 */
export class Semaphore {
  #binding = new LoopBinding(this);
  /** @ignore */
  _value: number;
  #waiters = new Waiters<boolean>();

  /**
   * A semaphore with `value` free places.
   * @param value How many places; 1 by default.
   * @throws {ValueError} If `value` is negative; TypeError if not a number.
   */
  constructor(value = 1) {
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw new TypeError(`a semaphore's value must be a number, got ${String(value)}`);
    }
    if (value < 0) throw new ValueError(`a semaphore's initial value must be >= 0, got ${value}`);
    this._value = value;
  }

  /**
   * Whether `acquire()` would wait: no place free, or someone waits already.
   * @returns `true` if acquiring now would wait.
   */
  locked(): boolean {
    if (this._value === 0) return true;
    for (const waiter of this.#waiters) if (!waiter.cancelled()) return true;
    return false;
  }

  /**
   * Takes a place, waiting for one if needed.
   * @returns A coroutine returning `true`.
   */
  *acquire(): Coroutine<boolean> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const future = this.#binding.getLoop().createFuture<boolean>();
    this.#waiters.push(future);
    this.#binding.traceWait(future, "acquire");
    try {
      try {
        yield* future;
      } finally {
        this.#waiters.remove(future);
      }
    } catch (error) {
      // Handed a place, then cancelled before using it: give it back.
      if (error instanceof CancelledError && future.done() && !future.cancelled()) this._value++;
      throw error;
    } finally {
      // Newcomers may have queued behind us (FIFO): wake as many as fit.
      while (this._value > 0 && this.#wakeUpNext());
    }
    return true;
  }

  /** Gives a place back and wakes the first waiter. */
  release(): void {
    this._value++;
    this.#wakeUpNext();
  }

  /**
   * Takes a place; the returned `Disposable` gives it back (`using`).
   * @returns A coroutine returning the disposable.
   */
  *hold(): Coroutine<Disposable> {
    yield* this.acquire();
    return releasing(() => this.release());
  }

  /** E.g. `<Semaphore value 2, 0 waiting>`. */
  toString(): string {
    return `<${this.constructor.name} value ${this._value}, ${this.#waiters.length} waiting>`;
  }

  #wakeUpNext(): boolean {
    for (const waiter of this.#waiters) {
      if (!waiter.done()) {
        this._value--;
        waiter.setResult(true);
        return true;
      }
    }
    return false;
  }
}

/**
 * asyncio's `BoundedSemaphore`: a {@link Semaphore} that refuses to be
 * released more times than it was acquired.
 *
 * @example
 * ```ts
 * import { BoundedSemaphore, ValueError } from "@course/lib";
 * const sem = new BoundedSemaphore(1);
 * try {
 *   sem.release();
 * } catch (error) {
 *   console.log(error instanceof ValueError); // true
 * }
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  #bound: number;

  /**
   * A semaphore that never holds more than `value` places.
   * @param value How many places, and the most there can ever be.
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Gives a place back.
   * @throws {ValueError} If that would make more places than the bound.
   */
  override release(): void {
    if (this._value >= this.#bound) {
      throw new ValueError("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
