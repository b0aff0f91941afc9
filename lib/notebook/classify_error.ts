/**
 * Turns whatever a learner's code threw into a short message and an error kind.
 * Anything can be thrown: an `Error`, a string, `null`, an object whose
 * `name` getter throws, a Proxy, an error with a 200 KB message. None of them
 * may break the classification or the report.
 *
 * @module
 */
import { CheckFailure } from "./check_failure.ts";
import type { ErrorKind } from "./outcome.ts";

/** The name of the error the grader's sandbox throws in place of `Deno.exit`. */
export const EXIT_ATTEMPT = "ExitAttempt";

/** Messages longer than this many characters are cut (about 2 KB). */
export const MESSAGE_LIMIT = 2000;

/** What went wrong, for a table row or a report line. */
export interface Classified {
  /** `null` for a wrong answer (`CheckFailure`), otherwise why the code crashed. */
  error: ErrorKind | null;
  /** The message to show. */
  message: string;
}

/**
 * Cuts a message to {@linkcode MESSAGE_LIMIT} characters, saying how much was left out.
 *
 * @param text Any message.
 * @param limit The most characters to keep.
 * @returns The text, or its start and a note.
 *
 * @example
 * ```ts
 * import { capMessage } from "@course/lib/notebook/classify_error.ts";
 * console.log(capMessage("x".repeat(5000)).length < 2100); // true
 * ```
 */
export function capMessage(text: string, limit = MESSAGE_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}... (${text.length - limit} more characters cut)`;
}

/** Runs `read`; whatever it throws becomes `fallback`. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** A short description of a thrown value that is not an Error: `a number: 42`. */
function describeValue(thrown: unknown): string {
  if (thrown === null) return "null";
  if (thrown === undefined) return "undefined";
  const kind = typeof thrown;
  const text = attempt(
    () => Deno.inspect(thrown, { compact: true, breakLength: Infinity, depth: 2, colors: false }),
    attempt(() => String(thrown), "(a value that cannot be printed)"),
  );
  return `${kind === "object" ? "an object" : `a ${kind}`}: ${text}`;
}

/**
 * Classifies a thrown value: a `CheckFailure` is a wrong answer; a missing
 * permission, a `Deno.exit` or (while loading) a syntax error get their own kind; anything else
 * is a throw, shown as `Name: message`. Never throws, whatever it is given;
 * the message is at most about 2 KB.
 *
 * @param thrown What was thrown.
 * @param phase `load` while importing the learner's module, `run` inside a check.
 * @returns The kind and a one-line message.
 *
 * @example
 * ```ts
 * import { classifyError } from "@course/lib";
 * console.log(classifyError(new RangeError("too far")).message); // "throw: the code threw RangeError: too far"
 * console.log(classifyError(42).message); // "throw: the code threw a number: 42"
 * ```
 */
export function classifyError(thrown: unknown, phase: "load" | "run" = "run"): Classified {
  const classified = classify(thrown, phase);
  return { error: classified.error, message: capMessage(classified.message) };
}

function classify(thrown: unknown, phase: "load" | "run"): Classified {
  // A Proxy can throw from `instanceof` and from every property read.
  if (attempt(() => thrown instanceof CheckFailure, false)) {
    const message = attempt(() => (thrown as CheckFailure).message, "");
    return { error: null, message: typeof message === "string" ? message : "the check failed" };
  }
  const isError = attempt(() => thrown instanceof Error, false);
  if (!isError) {
    return { error: "throw", message: `throw: the code threw ${describeValue(thrown)}` };
  }
  const error = thrown as Error;
  const rawName = attempt(() => error.name, "Error");
  const name = typeof rawName === "string" && rawName !== "" ? rawName : "Error";
  const rawMessage = attempt(() => error.message, "(its message could not be read)");
  const message = typeof rawMessage === "string" ? rawMessage : describeValue(rawMessage);
  const firstLine = message.split("\n")[0];
  const notAllowed = attempt(
    () => error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied,
    false,
  );
  if (notAllowed || name === "NotCapable") {
    return {
      error: "permission",
      message: `permission: the code needs a permission the exercise does not grant (${firstLine})`,
    };
  }
  if (name === EXIT_ATTEMPT) {
    return { error: "exit", message: `exit: the code called Deno.exit (${firstLine})` };
  }
  // Only loading can meet a syntax error in the code; at run time it is JSON.parse & co.
  if (
    phase === "load" &&
    (name === "SyntaxError" || /^SyntaxError\b|could not be parsed/.test(message))
  ) {
    return { error: "syntax", message: `syntax: ${message.replace(/^SyntaxError: /, "")}` };
  }
  return { error: "throw", message: `throw: the code threw ${name}: ${firstLine}` };
}
