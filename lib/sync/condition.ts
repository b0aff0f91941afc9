/**
 * `Condition`: wait, holding a lock, until another task says something changed.
 *
 * @module
 */
import { RuntimeError } from "../loop/errors.ts";
import { CancelledError } from "../coroutine/errors.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { Lock } from "./lock.ts";
import { LoopBinding, releasing, Waiters } from "./_waiters.ts";

/**
 * asyncio's `Condition`: a lock plus a waiting room. `wait()` releases the
 * lock, sleeps until `notify()`, and takes the lock back before returning,
 * even when cancelled. A waiter that fails after it was notified hands the
 * notification to another waiter (a spurious wake-up is allowed; a lost one
 * is not).
 *
 * @example
 * ```ts
 * import { Condition, createTask, run, sleep } from "@course/lib";
 * const cond = new Condition();
 * const items: string[] = [];
 * function* consumer() {
 *   using _held = yield* cond.hold();
 *   yield* cond.waitFor(() => items.length > 0);
 *   return items.shift();
 * }
 * function* main() {
 *   const task = createTask(consumer());
 *   yield* sleep(1);
 *   using _held = yield* cond.hold();
 *   items.push("parcel");
 *   cond.notify();
 *   return task;
 * }
 * const task = await run(main(), { clock: "virtual" });
 * console.log(task.result()); // "parcel"
 * ```
 */
export class Condition {
  #binding = new LoopBinding(this);
  #lock: Lock;
  #waiters = new Waiters<boolean>();

  /**
   * A condition variable over `lock`.
   * @param lock The lock to use; a new {@link Lock} by default.
   */
  constructor(lock?: Lock) {
    this.#lock = lock ?? new Lock();
  }

  /**
   * Whether the underlying lock is held.
   * @returns The lock's `locked()`.
   */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * Acquires the underlying lock.
   * @returns A coroutine returning `true`.
   */
  acquire(): Coroutine<boolean> {
    return this.#lock.acquire();
  }

  /** Releases the underlying lock. */
  release(): void {
    this.#lock.release();
  }

  /**
   * Acquires the lock; the returned `Disposable` releases it (`using`).
   * @returns A coroutine returning the disposable.
   */
  *hold(): Coroutine<Disposable> {
    yield* this.#lock.acquire();
    return releasing(() => this.#lock.release());
  }

  /**
   * Releases the lock, waits for a notification, takes the lock back.
   * @returns A coroutine returning `true`.
   * @throws {RuntimeError} If the lock is not held.
   */
  *wait(): Coroutine<boolean> {
    if (!this.locked()) throw new RuntimeError("cannot wait on an un-acquired lock");
    this.#binding.getLoop();
    this.release();
    try {
      try {
        const future = this.#binding.getLoop().createFuture<boolean>();
        this.#waiters.push(future);
        this.#binding.traceWait(future, "wait");
        try {
          yield* future;
          return true;
        } finally {
          this.#waiters.remove(future);
        }
      } finally {
        // Take the lock back even if cancelled; keep the last cancellation.
        let cancelled: CancelledError | null = null;
        for (;;) {
          try {
            yield* this.#lock.acquire();
            break;
          } catch (error) {
            // deno-lint-ignore no-unsafe-finally -- asyncio re-raises here too
            if (!(error instanceof CancelledError)) throw error;
            cancelled = error;
          }
        }
        // deno-lint-ignore no-unsafe-finally -- the cancellation wins over `return true`, as in asyncio
        if (cancelled !== null) throw cancelled;
      }
    } catch (error) {
      this.#notify(1); // we may have been notified: hand it on
      throw error;
    }
  }

  /**
   * Waits until `predicate()` is true, checking after each notification.
   * @param predicate Called with the lock held.
   * @returns A coroutine returning the predicate's last (truthy) value.
   */
  *waitFor<T>(predicate: () => T): Coroutine<T> {
    let result = predicate();
    while (!result) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiters (in the order they waited).
   * @param n How many; 1 by default.
   * @throws {RuntimeError} If the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on an un-acquired lock");
    this.#notify(n);
  }

  /** Wakes every waiter. */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }

  /** E.g. `<Condition unlocked, 0 waiting>`. */
  toString(): string {
    return `<Condition ${this.locked() ? "locked" : "unlocked"}, ${this.#waiters.length} waiting>`;
  }

  #notify(n: number): void {
    let woken = 0;
    for (const waiter of this.#waiters) {
      if (woken >= n) break;
      if (!waiter.done()) {
        woken++;
        waiter.setResult(false);
      }
    }
  }
}
