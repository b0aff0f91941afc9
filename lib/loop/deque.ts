/**
 * The ready queue's storage: a first-in first-out ring buffer.
 *
 * @module
 */

/**
 * A FIFO queue on a growable ring buffer: `push` at the tail, `shift` at the
 * head, both O(1) with no allocation except when the buffer doubles. A plain
 * array's `shift()` moves every element; this never does.
 *
 * @typeParam T What the queue holds.
 * @example
 * ```ts
 * import { Deque } from "@course/lib/loop/deque.ts";
 * const q = new Deque<string>();
 * q.push("a");
 * q.push("b");
 * console.log(q.shift(), q.length); // "a" 1
 * ```
 */
export class Deque<T> {
  #items: (T | undefined)[];
  #head = 0;
  #mask: number;
  /** How many items are queued. */
  length = 0;

  /** @param capacity Initial capacity, rounded up to a power of two. */
  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.#items = new Array(size).fill(undefined);
    this.#mask = size - 1;
  }

  /**
   * Appends an item at the tail.
   *
   * @param item The item to queue.
   * @example
   * ```ts
   * import { Deque } from "@course/lib/loop/deque.ts";
   * new Deque<number>().push(1);
   * ```
   */
  push(item: T): void {
    if (this.length > this.#mask) this.#grow();
    this.#items[(this.#head + this.length) & this.#mask] = item;
    this.length++;
  }

  /**
   * Removes and returns the item at the head, or `undefined` when empty.
   *
   * @returns The oldest item.
   * @example
   * ```ts
   * import { Deque } from "@course/lib/loop/deque.ts";
   * const q = new Deque<number>();
   * q.push(1);
   * console.log(q.shift()); // 1
   * ```
   */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined; // let the garbage collector have it
    this.#head = (this.#head + 1) & this.#mask;
    this.length--;
    return item;
  }

  /**
   * Removes every item.
   *
   * @example
   * ```ts
   * import { Deque } from "@course/lib/loop/deque.ts";
   * const q = new Deque<number>();
   * q.push(1);
   * q.clear();
   * console.log(q.length); // 0
   * ```
   */
  clear(): void {
    this.#items.fill(undefined);
    this.#head = 0;
    this.length = 0;
  }

  /**
   * The queued items, head first, without removing them.
   *
   * @returns A fresh array.
   * @example
   * ```ts
   * import { Deque } from "@course/lib/loop/deque.ts";
   * const q = new Deque<number>();
   * q.push(1);
   * console.log(q.toArray()); // [1]
   * ```
   */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.#items[(this.#head + i) & this.#mask]!);
    return out;
  }

  #grow(): void {
    const old = this.#items;
    const size = old.length * 2;
    const items = new Array<T | undefined>(size).fill(undefined);
    for (let i = 0; i < this.length; i++) items[i] = old[(this.#head + i) & this.#mask];
    this.#items = items;
    this.#head = 0;
    this.#mask = size - 1;
  }
}
