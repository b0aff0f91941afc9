/**
 * The queue of waiting futures that every coordination primitive keeps, and
 * the loop binding they share. Private to the library.
 *
 * asyncio keeps its waiters in a `collections.deque` and removes a waiter from
 * anywhere with `deque.remove`. Here the usual case, the woken head leaving,
 * is O(1) (an array with a moving head); removing from the middle (a waiter
 * cancelled while others wait before it) copies the array, as rare as it is in
 * asyncio.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { RuntimeError } from "../loop/errors.ts";
import { getRunningLoop } from "../loop/running.ts";
import type { Future } from "../coroutine/future.ts";

/** Waiting futures in arrival order (FIFO). */
export class Waiters<T = unknown> {
  #items: (Future<T> | null)[] = [];
  #head = 0;

  /** How many wait. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Adds a waiter at the back. */
  push(future: Future<T>): void {
    this.#items.push(future);
  }

  /** The waiter at the front, or `undefined`. */
  first(): Future<T> | undefined {
    return this.length > 0 ? this.#items[this.#head]! : undefined;
  }

  /** Removes and returns the waiter at the front. */
  shift(): Future<T> | undefined {
    if (this.length === 0) return undefined;
    const future = this.#items[this.#head]!;
    this.#items[this.#head++] = null;
    this.#compact();
    return future;
  }

  /**
   * Removes `future` wherever it is (asyncio's `deque.remove`).
   * @returns Whether it was there.
   */
  remove(future: Future<T>): boolean {
    if (this.length > 0 && this.#items[this.#head] === future) {
      this.shift();
      return true;
    }
    const index = this.#items.indexOf(future, this.#head);
    if (index < 0) return false;
    this.#items.splice(index, 1);
    return true;
  }

  /** The waiters front to back. */
  *[Symbol.iterator](): Generator<Future<T>> {
    const items = this.#items;
    for (let i = this.#head; i < items.length; i++) yield items[i]!;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}

const labelCounts = new Map<string, number>();

/**
 * asyncio's `_LoopBoundMixin`, as a part rather than a base class: a primitive
 * binds to the loop that first waits on it, and refuses to be used from
 * another loop. It also names the primitive in traces and records its waits.
 */
export class LoopBinding {
  #owner: object;
  #loop: EventLoop | null = null;
  #label: string | null = null;
  #labels: Map<string, string> | null = null;

  /** @param owner The primitive, for its class name in messages and traces. */
  constructor(owner: object) {
    this.#owner = owner;
  }

  /**
   * The running loop, bound on first use.
   * @returns The running loop.
   * @throws {RuntimeError} When the primitive is bound to another loop.
   */
  getLoop(): EventLoop {
    const loop = getRunningLoop();
    if (this.#loop === null) this.#loop = loop;
    else if (this.#loop !== loop) {
      throw new RuntimeError(`${this.#owner} is bound to a different event loop`);
    }
    return loop;
  }

  /**
   * Records, when tracing is on, that the current task starts waiting on the
   * primitive through `future`. The trace ends the wait when the task next
   * runs, so there is no call for the end. A plain call before the `yield*`,
   * not a wrapping generator: a wait is the hot path of the queue and lock
   * benchmarks.
   * @param future The waiter future.
   * @param operation What is waited for, e.g. `"acquire"`, `"get"`.
   */
  traceWait(future: Future<unknown>, operation: string): void {
    const loop = future._loop;
    const tracer = loop._tracer, task = loop._currentTask;
    if (tracer !== null && task !== null) tracer.syncWaitStart(this.labelFor(operation), task);
  }

  /**
   * `"Lock-1 acquire"`, made once per operation.
   * @param operation The operation.
   * @returns The label.
   */
  labelFor(operation: string): string {
    this.#labels ??= new Map();
    let label = this.#labels.get(operation);
    if (label === undefined) this.#labels.set(operation, label = `${this.label()} ${operation}`);
    return label;
  }

  /**
   * A name for traces, e.g. `Lock-1`, numbered per class.
   * @returns The name.
   */
  label(): string {
    if (this.#label === null) {
      const kind = this.#owner.constructor.name;
      const n = (labelCounts.get(kind) ?? 0) + 1;
      labelCounts.set(kind, n);
      this.#label = `${kind}-${n}`;
    }
    return this.#label;
  }
}

/**
 * A `Disposable` that calls `release` once, for `using held = yield* lock.hold()`.
 * @param release What leaving the block does.
 * @returns The disposable.
 */
export function releasing(release: () => void): Disposable {
  let released = false;
  return {
    [Symbol.dispose]() {
      if (released) return;
      released = true;
      release();
    },
  };
}
