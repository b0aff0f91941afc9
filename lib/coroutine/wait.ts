/**
 * `wait`: wait for a group of awaitables until all, the first, or the first
 * failing one is done, or a timeout passes, without cancelling any of them.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import type { TimerHandle } from "../loop/handle.ts";
import type { Awaitable, Coroutine } from "./coroutine.ts";
import { ensureFuture } from "./ensure_future.ts";
import type { Future } from "./future.ts";
import { releaseWaiter } from "./_release_waiter.ts";
import { distinctAwaitables } from "./_awaitable_list.ts";
import { ValueError } from "./value_error.ts";

/** When {@link wait} returns. */
export type ReturnWhen = "ALL_COMPLETED" | "FIRST_COMPLETED" | "FIRST_EXCEPTION";

/** asyncio's constant: {@link wait} returns when every future is done (the default). */
export const ALL_COMPLETED = "ALL_COMPLETED" satisfies ReturnWhen;
/** asyncio's constant: {@link wait} returns as soon as any future is done. */
export const FIRST_COMPLETED = "FIRST_COMPLETED" satisfies ReturnWhen;
/** asyncio's constant: {@link wait} returns when a future fails, or when all are done. */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION" satisfies ReturnWhen;

/** Options for {@link wait}. */
export interface WaitOptions {
  /** Seconds to wait at most (`null`/absent: no limit). Nothing is cancelled on timeout. */
  timeout?: number | null;
  /** `"ALL_COMPLETED"` (default), `"FIRST_COMPLETED"` or `"FIRST_EXCEPTION"`. */
  returnWhen?: ReturnWhen;
}

/**
 * What {@link wait} returns: the futures that are done and those still pending,
 * both as a pair (`const [done, pending] = ...`, as in Python) and by name
 * (`const { done, pending } = ...`).
 */
export type WaitResult<T> = [done: Set<Future<T>>, pending: Set<Future<T>>] & {
  /** Futures (and tasks) that are done. */
  done: Set<Future<T>>;
  /** Futures (and tasks) that are not done yet. */
  pending: Set<Future<T>>;
};

const RETURN_WHEN = new Set(["ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"]);

/**
 * Waits until `returnWhen` says so or `timeout` passes, and returns the done
 * and pending sets, as a pair like Python's and by name (`{ done, pending }`,
 * which reads better). Coroutines are wrapped in tasks; those tasks are what
 * the sets contain.
 *
 * @param awaitables The futures, tasks or coroutines (at least one).
 * @param options `timeout` and `returnWhen`.
 * @returns A coroutine returning `[done, pending]`, also readable as `{ done, pending }`.
 * @example
 * ```ts
 * import { EventLoop, sleep, wait } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* main() {
 *   const fast = loop.createTask(sleep(1)), slow = loop.createTask(sleep(5));
 *   const { done, pending } = yield* wait([fast, slow], { returnWhen: "FIRST_COMPLETED" });
 *   slow.cancel();
 *   return [done.has(fast), pending.has(slow), loop.time()];
 * }
 * console.log(await loop.runUntilComplete(main())); // [true, true, 1]
 * ```
 */
export function* wait<T>(
  awaitables: Iterable<Awaitable<T>>,
  options: WaitOptions = {},
): Coroutine<WaitResult<T>> {
  const { timeout = null, returnWhen = "ALL_COMPLETED" } = options;
  // a value of the right type that asyncio does not know: ValueError, as asyncio's
  if (!RETURN_WHEN.has(returnWhen)) throw new ValueError(`invalid returnWhen: ${returnWhen}`);
  const loop = getRunningLoop();
  const futures = new Set<Future<T>>();
  for (const awaitable of distinctAwaitables(awaitables, "wait")) {
    futures.add(ensureFuture(awaitable, loop));
  }
  if (futures.size === 0) throw new ValueError("wait() needs at least one awaitable");

  let pendingCount = futures.size;
  const waiter = loop.createFuture<void>();
  let timer: TimerHandle | null = null;
  if (timeout !== null) timer = loop.callLater(timeout, releaseWaiter, waiter);
  const onDone = (future: Future<T>) => {
    pendingCount--;
    if (
      pendingCount <= 0 || returnWhen === "FIRST_COMPLETED" ||
      (returnWhen === "FIRST_EXCEPTION" && future._hasException())
    ) {
      timer?.cancel();
      releaseWaiter(waiter);
    }
  };
  for (const future of futures) future.addDoneCallback(onDone);
  try {
    yield* waiter;
  } finally {
    timer?.cancel();
    for (const future of futures) future.removeDoneCallback(onDone);
  }

  const done = new Set<Future<T>>(), pending = new Set<Future<T>>();
  for (const future of futures) (future.done() ? done : pending).add(future);
  const pair: [Set<Future<T>>, Set<Future<T>>] = [done, pending];
  return Object.assign(pair, { done, pending });
}
