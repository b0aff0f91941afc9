/**
 * The listeners of one socket's readiness: a tiny list that a socket calls
 * whenever data arrives, the buffer drains or the connection ends.
 *
 * @module
 */

/**
 * A list of readiness listeners. `notify()` calls each one registered when it
 * started; listeners only schedule a re-check, so an extra call is harmless.
 *
 * @example
 * ```ts
 * import { Watchers } from "@course/lib/socket/watchers.ts";
 * const watchers = new Watchers();
 * const stop = watchers.add(() => console.log("ready?"));
 * watchers.notify(); // ready?
 * stop();
 * watchers.notify(); // nothing
 * ```
 */
export class Watchers {
  #listeners: (() => void)[] = [];

  /**
   * Adds a listener.
   * @param listener What to call on `notify()`.
   * @returns A function that removes it (safe to call twice).
   */
  add(listener: () => void): () => void {
    // A fresh wrapper per add, so that adding the same function twice needs two removals.
    const entry = () => listener();
    this.#listeners = [...this.#listeners, entry];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== entry);
    };
  }

  /** Calls every listener registered now. */
  notify(): void {
    // The array is replaced, never mutated, so iterating a snapshot is safe.
    for (const listener of this.#listeners) listener();
  }

  /** How many listeners there are. */
  get size(): number {
    return this.#listeners.length;
  }
}
