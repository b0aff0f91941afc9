/**
 * `Queue`, `PriorityQueue` and `LifoQueue`: hand items from producers to
 * consumers, with backpressure when a `maxsize` is set.
 *
 * @module
 */
import type { Future } from "../coroutine/future.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { ValueError } from "../coroutine/value_error.ts";
import { Deque } from "../loop/deque.ts";
import { Event } from "./event.ts";
import { QueueEmpty, QueueFull, QueueShutDown } from "./errors.ts";
import { LoopBinding, Waiters } from "./_waiters.ts";

/** Options for a queue. */
export interface QueueOptions {
  /** The most items the queue holds; `put` waits while it is full. 0 (default): no limit. */
  maxsize?: number;
}

/**
 * asyncio's `Queue`: first in, first out. `put` waits while the queue holds
 * `maxsize` items (backpressure: a fast producer is slowed to the consumers'
 * pace), `get` waits while it is empty. Waiting getters and putters are
 * served in the order they came; one cancelled just as it was woken passes
 * the wake-up on. `taskDone()` and `join()` let a producer wait until every
 * item was processed; `shutdown()` stops it all.
 *
 * @typeParam T The items.
 * @example
 * ```ts
 * import { createTask, getRunningLoop, Queue, run, sleep } from "@course/lib";
 * const queue = new Queue<number>({ maxsize: 2 });
 * const putAt: number[] = [];
 * function* consumer() {
 *   for (;;) {
 *     yield* queue.get();
 *     yield* sleep(1); // a slow consumer
 *     queue.taskDone();
 *   }
 * }
 * function* main() {
 *   const worker = createTask(consumer());
 *   for (let i = 0; i < 5; i++) {
 *     yield* queue.put(i); // waits while 2 items wait
 *     putAt.push(getRunningLoop().time());
 *   }
 *   yield* queue.join();
 *   worker.cancel();
 * }
 * await run(main(), { clock: "virtual" });
 * console.log(putAt); // [ 0, 0, 0, 1, 2 ]
 * ```
 */
export class Queue<T = unknown> {
  #binding = new LoopBinding(this);
  #maxsize: number;
  #getters = new Waiters<void>();
  #putters = new Waiters<void>();
  #unfinished = 0;
  #finished = new Event();
  #shutDown = false;

  /**
   * An empty queue.
   * @param options `maxsize` (0: unbounded).
   * @throws {TypeError} If `maxsize` is not a number.
   */
  constructor(options: QueueOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new TypeError("new Queue(options): pass an options object such as { maxsize: 10 }");
    }
    const maxsize = options.maxsize ?? 0;
    if (typeof maxsize !== "number" || Number.isNaN(maxsize)) {
      throw new TypeError(`a queue's maxsize must be a number, got ${String(maxsize)}`);
    }
    this.#maxsize = maxsize;
    this.#finished.set();
  }

  /** How many items the queue holds. */
  qsize(): number {
    return this._size();
  }

  /** The `maxsize` given (0: unbounded). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** Whether the queue holds no items. */
  empty(): boolean {
    return this._size() === 0;
  }

  /** Whether the queue holds `maxsize` items (never, if unbounded). */
  full(): boolean {
    return this.#maxsize > 0 && this._size() >= this.#maxsize;
  }

  /**
   * Puts an item in, waiting while the queue is full.
   * @param item The item.
   * @returns A coroutine.
   * @throws {QueueShutDown} If the queue is shut down.
   */
  *put(item: T): Coroutine<void> {
    while (this.full()) {
      if (this.#shutDown) throw new QueueShutDown();
      const future = this.#binding.getLoop().createFuture<void>();
      this.#putters.push(future);
      this.#binding.traceWait(future, "put");
      try {
        yield* future;
      } catch (error) {
        this.#giveUp(this.#putters, future, !this.full());
        throw error;
      }
    }
    this.putNowait(item);
  }

  /**
   * Puts an item in without waiting.
   * @param item The item.
   * @throws {QueueFull} If the queue is full; {@link QueueShutDown} after `shutdown()`.
   */
  putNowait(item: T): void {
    if (this.#shutDown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this.#unfinished++;
    this.#finished.clear();
    wakeUpNext(this.#getters);
  }

  /**
   * Takes the next item, waiting while the queue is empty.
   * @returns A coroutine returning the item.
   * @throws {QueueShutDown} If the queue is shut down and empty.
   */
  *get(): Coroutine<T> {
    while (this.empty()) {
      if (this.#shutDown) throw new QueueShutDown();
      const future = this.#binding.getLoop().createFuture<void>();
      this.#getters.push(future);
      this.#binding.traceWait(future, "get");
      try {
        yield* future;
      } catch (error) {
        this.#giveUp(this.#getters, future, !this.empty());
        throw error;
      }
    }
    return this.getNowait();
  }

  /**
   * Takes the next item without waiting.
   * @returns The item.
   * @throws {QueueEmpty} If the queue is empty; {@link QueueShutDown} if also shut down.
   */
  getNowait(): T {
    if (this.empty()) {
      if (this.#shutDown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    wakeUpNext(this.#putters);
    return item;
  }

  /**
   * Says that an item taken with `get` is processed; `join()` returns when
   * every item put in was.
   * @throws {ValueError} If called more times than items were put.
   */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new ValueError("taskDone() called too many times");
    if (--this.#unfinished === 0) this.#finished.set();
  }

  /**
   * Waits until every item put in was processed (`taskDone()` for each).
   * @returns A coroutine.
   */
  *join(): Coroutine<void> {
    if (this.#unfinished > 0) yield* this.#finished.wait();
  }

  /**
   * Shuts the queue down (Python 3.13): `put` throws {@link QueueShutDown}
   * at once, `get` once the queue is empty; waiting putters and getters are
   * woken to find out. With `immediate`, the items left are dropped (and
   * count as done for `join()`).
   * @param options `immediate`: drop the items left.
   */
  shutdown(options: { immediate?: boolean } = {}): void {
    this.#shutDown = true;
    if (options.immediate) {
      while (!this.empty()) {
        this._get();
        if (this.#unfinished > 0) this.#unfinished--;
      }
      if (this.#unfinished === 0) this.#finished.set();
    }
    for (const waiters of [this.#getters, this.#putters]) {
      for (let w = waiters.shift(); w !== undefined; w = waiters.shift()) {
        if (!w.done()) w.setResult(undefined);
      }
    }
  }

  /**
   * What asyncio's repr shows: maxsize, items, waiting getters and putters, unfinished tasks.
   * @returns E.g. `<Queue maxsize 2, 2 items, 1 putters waiting, 2 tasks>`.
   */
  toString(): string {
    const parts = [`maxsize ${this.#maxsize}`, `${this._size()} items`];
    if (this.#getters.length > 0) parts.push(`${this.#getters.length} getters waiting`);
    if (this.#putters.length > 0) parts.push(`${this.#putters.length} putters waiting`);
    if (this.#unfinished > 0) parts.push(`${this.#unfinished} tasks`);
    if (this.#shutDown) parts.push("shut down");
    return `<${this.constructor.name} ${parts.join(", ")}>`;
  }

  // asyncio's _init/_put/_get/_qsize: what a subclass changes to keep items in another order.
  #items = new Deque<T>();
  /** @ignore */
  _size(): number {
    return this.#items.length;
  }
  /** @ignore */
  _put(item: T): void {
    this.#items.push(item);
  }
  /** @ignore */
  _get(): T {
    return this.#items.shift() as T;
  }

  // A waiter leaves (cancelled, or an error): if it had been woken, it passes the wake-up on.
  #giveUp(waiters: Waiters<void>, future: Future<void>, canProceed: boolean): void {
    future.cancel();
    waiters.remove(future);
    if (canProceed && !future.cancelled()) wakeUpNext(waiters);
  }
}

function wakeUpNext(waiters: Waiters<void>): void {
  for (let w = waiters.shift(); w !== undefined; w = waiters.shift()) {
    if (!w.done()) {
      w.setResult(undefined);
      return;
    }
  }
}

/** Options for a {@link PriorityQueue}. */
export interface PriorityQueueOptions<T> extends QueueOptions {
  /**
   * Orders the items: negative if `a` comes first. By default numbers and
   * strings compare by `<`, and arrays such as `[priority, item]` compare
   * element by element, as Python compares tuples.
   */
  compare?: (a: T, b: T) => number;
}

/**
 * asyncio's `PriorityQueue`: `get` returns the smallest item first (a binary
 * heap). Python compares the items themselves; JavaScript has no ordering for
 * objects, so put `[priority, item]` arrays in (compared element by element,
 * like Python's tuples) or give a `compare` function.
 *
 * @typeParam T The items.
 * @example
 * ```ts
 * import { PriorityQueue } from "@course/lib";
 * const jobs = new PriorityQueue<[number, string]>();
 * jobs.putNowait([3, "low"]);
 * jobs.putNowait([1, "urgent"]);
 * jobs.putNowait([2, "normal"]);
 * console.log(jobs.getNowait(), jobs.getNowait()); // [ 1, "urgent" ] [ 2, "normal" ]
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  #heap: T[] = [];
  #compare: (a: T, b: T) => number;

  /**
   * An empty priority queue.
   * @param options `maxsize` and `compare`.
   */
  constructor(options: PriorityQueueOptions<T> = {}) {
    super(options);
    this.#compare = options.compare ?? pythonCompare;
  }

  /** @ignore */
  override _size(): number {
    return this.#heap.length;
  }

  /** @ignore */
  override _put(item: T): void {
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(heap[i], heap[parent]) >= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** @ignore */
  override _get(): T {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1, right = left + 1;
        let smallest = i;
        if (left < heap.length && this.#compare(heap[left], heap[smallest]) < 0) smallest = left;
        if (right < heap.length && this.#compare(heap[right], heap[smallest]) < 0) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * asyncio's `LifoQueue`: `get` returns the item put in last (a stack).
 *
 * @typeParam T The items.
 * @example
 * ```ts
 * import { LifoQueue } from "@course/lib";
 * const stack = new LifoQueue<string>();
 * stack.putNowait("first");
 * stack.putNowait("last");
 * console.log(stack.getNowait()); // "last"
 * ```
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  #stack: T[] = [];

  /** @ignore */
  override _size(): number {
    return this.#stack.length;
  }

  /** @ignore */
  override _put(item: T): void {
    this.#stack.push(item);
  }

  /** @ignore */
  override _get(): T {
    return this.#stack.pop() as T;
  }
}

/**
 * Python's ordering for the values a priority queue usually holds: numbers
 * and strings by `<`, arrays element by element (a shorter prefix first).
 */
function pythonCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const kinds = typeof a === typeof b && (typeof a === "number" || typeof a === "string" ||
    typeof a === "bigint");
  if (!kinds) {
    throw new TypeError(
      `PriorityQueue cannot order ${String(a)} and ${String(b)}: put [priority, item] arrays ` +
        "in, or pass { compare }",
    );
  }
  // deno-lint-ignore no-explicit-any
  return (a as any) < (b as any) ? -1 : (a as any) > (b as any) ? 1 : 0;
}
