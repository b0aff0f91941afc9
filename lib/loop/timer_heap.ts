/**
 * The loop's timers: a binary min-heap ordered by deadline, then by the order
 * they were scheduled, so equal deadlines fire first-scheduled first.
 *
 * @module
 */
import type { TimerHandle } from "./handle.ts";

function earlier(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/**
 * A binary min-heap of {@link TimerHandle}s: `peek` is O(1), `push` and `pop`
 * O(log n).
 *
 * @example
 * ```ts
 * import { EventLoop } from "@course/lib";
 * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
 * const loop = new EventLoop({ clock: "virtual" });
 * const heap = new TimerHeap();
 * heap.push(loop.callAt(2, () => {}));
 * heap.push(loop.callAt(1, () => {}));
 * console.log(heap.pop()!.when()); // 1
 * ```
 */
export class TimerHeap {
  #items: TimerHandle[] = [];

  /** How many timers the heap holds (cancelled ones included until removed). */
  get size(): number {
    return this.#items.length;
  }

  /**
   * The earliest timer, without removing it.
   *
   * @returns The timer with the smallest deadline, or `undefined`.
   * @example
   * ```ts
   * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
   * console.log(new TimerHeap().peek()); // undefined
   * ```
   */
  peek(): TimerHandle | undefined {
    return this.#items[0];
  }

  /**
   * Adds a timer.
   *
   * @param timer The timer to add.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
   * const loop = new EventLoop({ clock: "virtual" });
   * new TimerHeap().push(loop.callAt(1, () => {}));
   * ```
   */
  push(timer: TimerHandle): void {
    const items = this.#items;
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(timer, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = timer;
  }

  /**
   * Removes and returns the earliest timer.
   *
   * @returns The timer with the smallest deadline, or `undefined`.
   * @example
   * ```ts
   * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
   * console.log(new TimerHeap().pop()); // undefined
   * ```
   */
  pop(): TimerHandle | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || items.length === 0) return top;
    this.#siftDown(last!, 0);
    return top;
  }

  /**
   * Rebuilds the heap keeping only the timers `keep` accepts, in O(n).
   *
   * @param keep Returns `true` for the timers to keep.
   * @example
   * ```ts
   * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
   * new TimerHeap().filter((timer) => !timer.cancelled());
   * ```
   */
  filter(keep: (timer: TimerHandle) => boolean): void {
    const items = this.#items.filter(keep);
    this.#items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#siftDown(items[i], i);
  }

  /**
   * A copy of the timers, in heap order (not sorted), cancelled ones included until removed.
   * @returns The timers in the heap.
   */
  toArray(): TimerHandle[] {
    return [...this.#items];
  }

  /**
   * Removes every timer.
   *
   * @returns The timers that were in the heap, in no particular order.
   * @example
   * ```ts
   * import { TimerHeap } from "@course/lib/loop/timer_heap.ts";
   * console.log(new TimerHeap().clear()); // []
   * ```
   */
  clear(): TimerHandle[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  #siftDown(timer: TimerHandle, i: number): void {
    const items = this.#items;
    const n = items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && earlier(items[child + 1], items[child])) child++;
      if (!earlier(items[child], timer)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = timer;
  }
}
