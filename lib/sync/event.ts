/**
 * `Event`: a flag tasks can wait for.
 *
 * @module
 */
import type { Coroutine } from "../coroutine/coroutine.ts";
import { LoopBinding, Waiters } from "./_waiters.ts";

/**
 * asyncio's `Event`: `set()` wakes every task waiting in `wait()`, and later
 * `wait()`s return at once until `clear()`.
 *
 * @example
 * ```ts
 * import { createTask, Event, run, sleep } from "@course/lib";
 * const ready = new Event();
 * function* main() {
 *   createTask((function* () { yield* sleep(2); ready.set(); })());
 *   yield* ready.wait();
 *   return "went at 2";
 * }
 * console.log(await run(main(), { clock: "virtual" })); // "went at 2"
 * ```
 */
export class Event {
  #binding = new LoopBinding(this);
  #value = false;
  #waiters = new Waiters<boolean>();

  /**
   * Whether the flag is set.
   * @returns `true` after `set()` and before `clear()`.
   */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const waiter of this.#waiters) if (!waiter.done()) waiter.setResult(true);
  }

  /** Clears the flag: later `wait()`s wait again. */
  clear(): void {
    this.#value = false;
  }

  /**
   * Waits until the flag is set (returns at once if it is).
   * @returns A coroutine returning `true`.
   */
  *wait(): Coroutine<boolean> {
    if (this.#value) return true;
    const future = this.#binding.getLoop().createFuture<boolean>();
    this.#waiters.push(future);
    this.#binding.traceWait(future, "wait");
    try {
      yield* future;
      return true;
    } finally {
      this.#waiters.remove(future);
    }
  }

  /** E.g. `<Event set>`. */
  toString(): string {
    return `<Event ${this.#value ? "set" : "unset"}, ${this.#waiters.length} waiting>`;
  }
}
