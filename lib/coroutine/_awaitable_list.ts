/**
 * The list argument of `wait` and `asCompleted`, checked. Private to the library.
 *
 * @module
 */
import { type Awaitable, isCoroutine } from "./coroutine.ts";
import { Future } from "./future.ts";

/**
 * The distinct awaitables of `awaitables`, in first-seen order (asyncio takes
 * `set(fs)`: the same future or coroutine given twice counts once).
 *
 * A single future or coroutine is refused at once with TypeError, as in
 * asyncio. It matters more here: a future and a generator are iterable
 * themselves, so `wait(task)` would otherwise iterate the task and never end.
 *
 * @param awaitables What the caller passed.
 * @param what The function's name, for the message.
 * @returns The distinct awaitables.
 * @throws {TypeError} For a single future or coroutine, or anything not iterable.
 */
export function distinctAwaitables<T>(
  awaitables: Iterable<Awaitable<T>>,
  what: string,
): Awaitable<T>[] {
  if (awaitables instanceof Future || isCoroutine(awaitables)) {
    throw new TypeError(
      `${what} expects an array of futures or coroutines, not a single one: ${what}([x])`,
    );
  }
  if (
    awaitables === null || typeof awaitables !== "object" ||
    typeof (awaitables as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `${what} expects an array of futures or coroutines, got ${String(awaitables)}`,
    );
  }
  return [...new Set(awaitables)];
}
