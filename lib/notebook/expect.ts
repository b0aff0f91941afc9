/**
 * Assertions for checks: each throws a `CheckFailure` whose message says what
 * was expected and what the learner's code gave.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import { CheckFailure, type FailureDetails } from "./check_failure.ts";

/** `instanceof Error` that survives a learner's object whose getters throw. */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error && typeof value.message === "string";
  } catch {
    return false;
  }
}

/**
 * Shows a value compactly and unambiguously for a message: strings quoted,
 * arrays and objects on one line, errors as `Name: message`, long values cut.
 *
 * @param value Any value.
 * @returns At most about 120 characters.
 */
export function show(value: unknown): string {
  const text = typeof value === "function"
    ? `function ${value.name || "(anonymous)"}`
    : isError(value)
    ? `${value.name}: ${value.message}` // its stack would name files on this machine
    : Deno.inspect(value, { compact: true, breakLength: Infinity, depth: 4, colors: false });
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Expects deep strict equality.
 *
 * @param got The learner's value.
 * @param expected The right value.
 * @param what What the value is, for the message, such as `"order"`.
 * @param details Extra feedback for the notebook, such as a trace.
 * @throws CheckFailure "expected `what` to be X, got Y".
 */
export function expectEqual<T>(
  got: unknown,
  expected: T,
  what = "the result",
  details?: FailureDetails,
): asserts got is T {
  if (!isDeepStrictEqual(got, expected)) {
    throw new CheckFailure(`expected ${what} to be ${show(expected)}, got ${show(got)}`, details);
  }
}

/**
 * Expects a sequence (of log lines, events, ...) to be exactly `expected`,
 * naming the first position where it differs.
 *
 * @param got The learner's sequence.
 * @param expected The right sequence.
 * @param what What the sequence is, for the message.
 * @param details Extra feedback for the notebook, such as a trace.
 * @throws CheckFailure naming the first difference.
 */
export function expectOrder<T>(
  got: unknown,
  expected: readonly T[],
  what = "the order",
  details?: FailureDetails,
): asserts got is T[] {
  if (!Array.isArray(got)) {
    throw new CheckFailure(`expected ${what} to be an array, got ${show(got)}`, details);
  }
  const length = Math.max(got.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (i >= got.length) {
      throw new CheckFailure(
        `${what} stops after ${got.length} item(s); expected next: ${show(expected[i])}`,
        details,
      );
    }
    if (i >= expected.length) {
      throw new CheckFailure(
        `${what} has ${got.length} items, expected ${expected.length}; extra: ${show(got[i])}`,
        details,
      );
    }
    if (!isDeepStrictEqual(got[i], expected[i])) {
      throw new CheckFailure(
        `${what}, position ${i + 1}: expected ${show(expected[i])}, got ${show(got[i])}`,
        details,
      );
    }
  }
}

/**
 * Expects a number within `tolerance` of `expected`.
 *
 * @param got The learner's number.
 * @param expected The right number.
 * @param what What the number is, for the message.
 * @param options `tolerance` (default 1e-9) and extra feedback.
 * @throws CheckFailure "expected what to be about X, got Y".
 */
export function expectClose(
  got: unknown,
  expected: number,
  what = "the result",
  options: { tolerance?: number } & FailureDetails = {},
): asserts got is number {
  const tolerance = options.tolerance ?? 1e-9;
  if (typeof got !== "number" || !(Math.abs(got - expected) <= tolerance)) {
    throw new CheckFailure(`expected ${what} to be ${expected}, got ${show(got)}`, options);
  }
}

/**
 * Expects a binding to be a function (of any kind).
 *
 * @param value The learner's binding.
 * @param name Its name in the exercise cell.
 * @throws CheckFailure "`name` should be a function, got ...".
 */
// deno-lint-ignore ban-types
export function expectFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== "function") {
    throw new CheckFailure(`\`${name}\` should be a function, got ${show(value)}`);
  }
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

/**
 * Expects a binding to be a generator function (`function*`), the teaching
 * loop's coroutine function.
 *
 * @param value The learner's binding.
 * @param name Its name in the exercise cell.
 * @throws CheckFailure explaining that `function*` is needed.
 */
export function expectGeneratorFunction(
  value: unknown,
  name: string,
): asserts value is (...args: unknown[]) => Generator<unknown, unknown, unknown> {
  expectFunction(value, name);
  if (!(value instanceof GeneratorFunction)) {
    throw new CheckFailure(
      `\`${name}\` should be a generator function (\`function* ${name}(...)\`), ` +
        `got a plain${value.constructor.name === "AsyncFunction" ? " async" : ""} function`,
    );
  }
}
