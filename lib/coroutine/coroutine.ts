/**
 * What a coroutine is here: a generator object. Like a Python coroutine
 * object, and unlike a JavaScript `async function`, it does nothing until a
 * task drives it. Inside one, `yield* x` waits for `x` (Python's `await x`).
 *
 * @module
 */
import type { Future } from "./future.ts";

/**
 * A coroutine that returns `T`: what calling a `function*` gives you.
 *
 * @typeParam T The coroutine's return value.
 * @example
 * ```ts
 * import { type Coroutine, sleep } from "@course/lib";
 * function* greet(name: string): Coroutine<string> {
 *   yield* sleep(1);
 *   return `hello ${name}`;
 * }
 * const coro = greet("Ada"); // nothing has run yet
 * ```
 */
export type Coroutine<T = unknown> = Generator<unknown, T, unknown>;

/**
 * Anything a task can wait for: a {@link Future} (or Task) or a coroutine,
 * which gets wrapped in a Task.
 *
 * @typeParam T The value it produces.
 */
export type Awaitable<T = unknown> = Future<T> | Coroutine<T>;

/**
 * The value an awaitable produces: `AwaitedValue<Future<number>>` is `number`.
 *
 * @typeParam A A future or coroutine type.
 */
export type AwaitedValue<A> = A extends Future<infer T> ? T
  : A extends Generator<unknown, infer T, unknown> ? T
  : never;

/**
 * Whether `value` is a coroutine, that is a generator object.
 *
 * @param value Anything.
 * @returns `true` for generator objects such as `worker()`.
 * @example
 * ```ts
 * import { isCoroutine } from "@course/lib";
 * function* worker() {}
 * console.log(isCoroutine(worker()), isCoroutine(worker)); // true false
 * ```
 */
export function isCoroutine(value: unknown): value is Coroutine<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const gen = value as Partial<Generator>;
  return typeof gen.next === "function" && typeof gen.throw === "function" &&
    typeof gen.return === "function" && typeof gen[Symbol.iterator] === "function";
}

/**
 * Explains why `value` is not an awaitable, for error messages.
 * @param value What was given instead of an awaitable.
 * @returns A sentence.
 * @ignore
 */
export function notAwaitableMessage(value: unknown): string {
  if (typeof value === "function") {
    return `expected a future or a coroutine, got the function ${value.name || "(anonymous)"}: ` +
      `call it to make a coroutine, e.g. ${value.name || "worker"}()`;
  }
  if (value instanceof Promise) {
    return "expected a future or a coroutine, got a Promise: wrap it with Future.fromPromise(promise)";
  }
  return `expected a future or a coroutine (a generator object), got ${String(value)}`;
}
