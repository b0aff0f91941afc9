/**
 * Test helpers for the loop, coroutine and socket tests: a loop whose exception
 * handler records what it is given instead of printing it, and an assertion that a
 * coroutine fails with a given error.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type Coroutine,
  EventLoop,
  type EventLoopOptions,
  type ExceptionContext,
} from "@course/lib";

/** A virtual-clock loop (unless told otherwise) and the contexts its handler received. */
export function recordingLoop(
  options: EventLoopOptions = { clock: "virtual" },
): { loop: EventLoop; errors: ExceptionContext[] } {
  const loop = new EventLoop(options);
  const errors: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => errors.push(context));
  return { loop, errors };
}

/** Runs `body` with console.error captured; returns what was printed. */
export function captureConsoleError(body: () => void): string[] {
  const printed: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => printed.push(args.map(String).join(" "));
  try {
    body();
  } finally {
    console.error = original;
  }
  return printed;
}

/**
 * Runs `coro` inside the calling coroutine and asserts that it throws an instance of `kind`.
 * @param coro The coroutine expected to fail.
 * @param kind The error class it must throw.
 */
export function* assertRaises(
  coro: Coroutine<unknown>,
  // deno-lint-ignore no-explicit-any
  kind: new (...args: any[]) => Error,
): Coroutine<void> {
  try {
    yield* coro;
  } catch (error) {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${error}`);
    return;
  }
  assert.fail(`expected ${kind.name}, nothing was thrown`);
}
