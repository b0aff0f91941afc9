/**
 * `asCompleted`: results in the order they finish, not the order asked.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import type { TimerHandle } from "../loop/handle.ts";
import type { Awaitable, Coroutine } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import { TimeoutError } from "./errors.ts";
import type { Future } from "./future.ts";
import { releaseWaiter } from "./_release_waiter.ts";
import { distinctAwaitables } from "./_awaitable_list.ts";

/** Options for {@link asCompleted}. */
export interface AsCompletedOptions {
  /** Seconds after which the remaining coroutines throw TimeoutError. */
  timeout?: number | null;
}

/**
 * Starts the awaitables and returns an iterator of one coroutine per distinct
 * awaitable; each, waited for with `yield*`, returns the next result to finish
 * (or throws its error). Nothing is cancelled on timeout; the remaining
 * coroutines throw TimeoutError. As in asyncio, the same future or coroutine
 * given twice counts once, the iterator is used up once (a second `for...of`
 * goes on where the first stopped), and a single future or coroutine instead
 * of a list is a TypeError at once.
 *
 * @param awaitables The futures, tasks or coroutines.
 * @param options `timeout`.
 * @returns An iterator of coroutines, to wait for in order.
 * @example
 * ```ts
 * import { asCompleted, EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* main() {
 *   const order: string[] = [];
 *   for (const next of asCompleted([sleep(3, "c"), sleep(1, "a"), sleep(2, "b")])) {
 *     order.push(yield* next);
 *   }
 *   return order;
 * }
 * console.log(await loop.runUntilComplete(main())); // ["a", "b", "c"]
 * ```
 */
export function asCompleted<T>(
  awaitables: Iterable<Awaitable<T>>,
  options: AsCompletedOptions = {},
): IterableIterator<Coroutine<T>> {
  const distinct = distinctAwaitables(awaitables, "asCompleted");
  const loop = getRunningLoop();
  const todo = new Set<Future<T>>();
  for (const awaitable of distinct) todo.add(ensureFuture(awaitable, loop));
  const finished: (Future<T> | null)[] = []; // null: a timeout
  const getters: Future<void>[] = [];
  let timer: TimerHandle | null = null;

  const wakeGetters = () => {
    for (const getter of getters.splice(0)) releaseWaiter(getter);
  };
  const onDone = (future: Future<T>) => {
    if (!todo.delete(future)) return;
    finished.push(future);
    if (todo.size === 0) timer?.cancel();
    wakeGetters();
  };
  const onTimeout = () => {
    for (const future of todo) {
      future.removeDoneCallback(onDone);
      finished.push(null);
    }
    todo.clear();
    wakeGetters();
  };
  for (const future of todo) future.addDoneCallback(onDone);
  if (todo.size > 0 && options.timeout != null) timer = loop.callLater(options.timeout, onTimeout);

  function* nextDone(): Coroutine<T> {
    while (finished.length === 0) {
      const getter = loop.createFuture<void>();
      getters.push(getter);
      yield* getter;
    }
    const future = finished.shift()!;
    if (future === null) throw new TimeoutError("asCompleted: timed out");
    return future.result();
  }
  // One iterator, as asyncio's: iterating it again goes on where it stopped.
  let left = todo.size;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next(): IteratorResult<Coroutine<T>> {
      if (left === 0) return { done: true, value: undefined };
      left--;
      return { done: false, value: nextDone() };
    },
  };
}
