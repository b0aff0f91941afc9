/**
 * `sleep`: the simplest way for a coroutine to wait.
 *
 * @module
 */
import { getRunningLoop } from "../loop/running.ts";
import type { Future } from "./future.ts";
import type { Coroutine } from "./coroutine.ts";
import { ValueError } from "./value_error.ts";

/**
 * Waits `seconds` of loop time, then returns `result`. `sleep(0)` gives the
 * other ready callbacks and tasks exactly one turn of the loop.
 *
 * @param seconds How long to wait (0 or less: one turn).
 * @throws {ValueError} For NaN (asyncio too), TypeError for a non-number, when the sleep starts.
 * @param result What to return when done.
 * @returns A coroutine: wait for it with `yield*`.
 * @example
 * ```ts
 * import { EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* slow() {
 *   const answer = yield* sleep(3600, 42); // an hour of virtual time, over in a moment
 *   return answer;
 * }
 * console.log(await loop.runUntilComplete(slow()), loop.time()); // 42 3600
 * ```
 */
export function* sleep<T = undefined>(seconds: number, result?: T): Coroutine<T> {
  if (typeof seconds !== "number") {
    throw new TypeError(`sleep(seconds) needs a number of seconds, got ${String(seconds)}`);
  }
  if (Number.isNaN(seconds)) throw new ValueError("sleep(NaN): the delay is not a number");
  if (!(seconds > 0)) {
    yield; // a bare yield: the task comes back on the next turn
    return result as T;
  }
  const loop = getRunningLoop();
  const future = loop.createFuture<T>();
  const timer = loop.callLater(seconds, wakeSleeper, future, result as T);
  try {
    return yield* future;
  } finally {
    timer.cancel(); // cancelled early: do not leave the timer behind
  }
}

function wakeSleeper<T>(future: Future<T>, result: T): void {
  if (!future.done()) future.setResult(result);
}
