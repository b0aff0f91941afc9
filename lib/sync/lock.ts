/**
 * `Lock`: one task at a time in a critical section, across `yield*` points.
 *
 * @module
 */
import { RuntimeError } from "../loop/errors.ts";
import { CancelledError } from "../coroutine/errors.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { LoopBinding, releasing, Waiters } from "./_waiters.ts";

/**
 * asyncio's `Lock`: a mutual-exclusion lock for tasks of one loop. Waiters get
 * the lock in the order they asked (FIFO). A waiter cancelled just as it was
 * woken passes the wake-up on to the next one, so the lock is never left
 * locked by nobody.
 *
 * Why a loop with one thread needs a lock at all: a task keeps the CPU only
 * until its next `yield*`. Code that reads shared state, waits, and writes it
 * back can interleave with another task doing the same.
 *
 * asyncio spells the critical section `async with lock:`; here it is
 * `using _held = yield* lock.hold();` (released when the block is left, even
 * by an exception), or `yield* lock.acquire()` ... `lock.release()` in a
 * `try`/`finally`.
 *
 * @example
 * ```ts
 * import { gather, Lock, run, sleep } from "@course/lib";
 * const lock = new Lock();
 * let balance = 100;
 * function* withdraw(amount: number) {
 *   using _held = yield* lock.hold(); // without the lock both would read 100
 *   const seen = balance;
 *   yield* sleep(1); // ask the bank
 *   balance = seen - amount;
 * }
 * await run((function* () {
 *   yield* gather(withdraw(30), withdraw(50));
 * })(), { clock: "virtual" });
 * console.log(balance); // 20
 * ```
 */
export class Lock {
  #binding = new LoopBinding(this);
  #locked = false;
  #waiters = new Waiters<boolean>();

  /**
   * Whether some task holds the lock.
   * @returns `true` while held.
   */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Waits until the lock is free, then takes it. Free and nobody waiting:
   * taken at once, without giving up the turn (as in asyncio).
   *
   * @returns A coroutine returning `true` once the lock is held.
   */
  *acquire(): Coroutine<boolean> {
    if (!this.#locked && this.#noLiveWaiters()) {
      this.#locked = true;
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
      // Woken, then cancelled before running: pass the wake-up on.
      if (error instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw error;
    }
    this.#locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter.
   * @throws {RuntimeError} If the lock is not held.
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError("Lock is not acquired: release() without acquire()");
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /**
   * Acquires the lock and returns a `Disposable` that releases it: asyncio's
   * `async with lock:` is `using _held = yield* lock.hold();`.
   *
   * @returns A coroutine returning the disposable.
   */
  *hold(): Coroutine<Disposable> {
    yield* this.acquire();
    return releasing(() => this.release());
  }

  /** E.g. `<Lock locked, 2 waiting>`. */
  toString(): string {
    return `<Lock ${this.#locked ? "locked" : "unlocked"}, ${this.#waiters.length} waiting>`;
  }

  #noLiveWaiters(): boolean {
    for (const waiter of this.#waiters) if (!waiter.cancelled()) return false;
    return true;
  }

  #wakeUpFirst(): void {
    const first = this.#waiters.first();
    if (first !== undefined && !first.done()) first.setResult(true);
  }
}
