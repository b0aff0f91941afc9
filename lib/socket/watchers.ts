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
    // Changed in place: a socket's reader adds and removes its listener for every message it
    // waits for, so copying the array each time cost two arrays per message.
    this.#listeners.push(listener);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      // The first match: adding the same function twice needs two removals.
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Calls every listener registered now. */
  notify(): void {
    const listeners = this.#listeners;
    if (listeners.length === 1) {
      listeners[0](); // the usual case: one waiting task, no snapshot needed
      return;
    }
    // A listener may add or remove listeners: iterate over a snapshot of those registered now.
    for (const listener of listeners.slice()) listener();
  }
  /** How many listeners there are. */
  get size(): number {
    return this.#listeners.length;
  }
}
