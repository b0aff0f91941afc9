/**
 * `gather`: run several awaitables concurrently and collect their results in
 * argument order.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running.ts";
import type { Awaitable, AwaitedValue } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import { Future } from "./future.ts";

/** Options for the array form `gather(awaitables, options)`. */
export interface GatherOptions {
  /** Put exceptions (and CancelledErrors) in the results instead of failing at the first one. */
  returnExceptions?: boolean;
}

/** The results of gathering `A`, one per awaitable, in order. */
export type GatherResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitedValue<A[K]>;
};

/**
 * The future `gather` returns: cancelling it cancels every child.
 * @ignore
 */
class GatheringFuture<T> extends Future<T> {
  cancelRequested = false;
  constructor(loop: EventLoop, private children: Future<unknown>[]) {
    super(loop);
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this.children) if (child.cancel(msg)) cancelled = true;
    // The outer future fails with CancelledError once the children are done.
    if (cancelled) this.cancelRequested = true;
    return cancelled;
  }
}

/**
 * Runs the awaitables concurrently (coroutines become tasks) and returns a
 * future of all their results, in argument order. Without `returnExceptions`
 * the first exception fails the gather (the others keep running); with it,
 * exceptions are returned in place of results. Cancelling the gather cancels
 * all of them.
 *
 * Two spellings: `gather(a, b, c)` and `gather([a, b, c], { returnExceptions: true })`.
 *
 * @param awaitables The awaitables (or one array of them, then the options).
 * @returns A future of the results array.
 * @example
 * ```ts
 * import { EventLoop, gather, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* main() {
 *   const [a, b] = yield* gather(sleep(2, "two"), sleep(1, "one"));
 *   return `${a} ${b} at ${loop.time()}`;
 * }
 * console.log(await loop.runUntilComplete(main())); // "two one at 2"
 * ```
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options: GatherOptions & { returnExceptions: true },
): Future<unknown[]>;
/**
 * The array spelling without `returnExceptions`: the first exception fails the gather.
 *
 * @param awaitables The awaitables, as one array.
 * @param options `returnExceptions` (here `false` or absent).
 * @returns A future of the results, typed per position.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options?: GatherOptions,
): Future<GatherResults<A>>;
/**
 * The spelling asyncio uses: `gather(a, b, c)`.
 *
 * @param awaitables The awaitables, one per argument.
 * @returns A future of the results, typed per position.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  ...awaitables: A
): Future<GatherResults<A>>;
export function gather(...args: unknown[]): Future<unknown[]> {
  const arrayForm = args.length > 0 && Array.isArray(args[0]);
  const awaitables = (arrayForm ? args[0] : args) as Awaitable<unknown>[];
  const returnExceptions = arrayForm && (args[1] as GatherOptions | undefined)?.returnExceptions;

  const loop =
    awaitables.find((awaitable): awaitable is Future<unknown> => awaitable instanceof Future)
      ?.getLoop() ??
      getRunningLoop();
  if (awaitables.length === 0) {
    const empty = loop.createFuture<unknown[]>();
    empty.setResult([]);
    return empty;
  }

  // The same awaitable twice is run once and reported twice.
  const futureOf = new Map<Awaitable<unknown>, Future<unknown>>();
  const children = awaitables.map((awaitable) => {
    let future = futureOf.get(awaitable);
    if (future === undefined) {
      future = ensureFuture(awaitable, loop);
      futureOf.set(awaitable, future);
    }
    return future;
  });
  const outer = new GatheringFuture<unknown[]>(loop, children);
  let finished = 0;

  const onChildDone = (child: Future<unknown>) => {
    finished++;
    if (outer.done()) {
      if (!child.cancelled()) child.exception(); // seen: do not report it as lost
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) return outer.setException(child._makeCancelledError());
      if (child._hasException()) return outer.setException(child.exception());
    }
    if (finished < futureOf.size) return;
    const results = children.map((c) =>
      c.cancelled() ? c._makeCancelledError() : c._hasException() ? c.exception() : c.result()
    );
    if (outer.cancelRequested) outer.setException(child._makeCancelledError());
    else outer.setResult(results);
  };
  for (const future of futureOf.values()) future.addDoneCallback(onChildDone);
  return outer;
}
