/**
 * Turns whatever a learner's code threw into a short message and an error kind.
 *
 * @module
 */
import { CheckFailure } from "./check_failure.ts";
import type { ErrorKind } from "./outcome.ts";

/** The name of the error the grader's sandbox throws in place of `Deno.exit`. */
export const EXIT_ATTEMPT = "ExitAttempt";

/** What went wrong, for a table row or a report line. */
export interface Classified {
  /** `null` for a wrong answer (`CheckFailure`), otherwise why the code crashed. */
  error: ErrorKind | null;
  /** The message to show. */
  message: string;
}

/**
 * Classifies a thrown value: a `CheckFailure` is a wrong answer; a missing
 * permission, a `Deno.exit` or (while loading) a syntax error get their own kind; anything else
 * is a throw, shown as `Name: message`.
 *
 * @param thrown What was thrown.
 * @param phase `load` while importing the learner's module, `run` inside a check.
 * @returns The kind and a one-line message.
 */
export function classifyError(thrown: unknown, phase: "load" | "run" = "run"): Classified {
  if (thrown instanceof CheckFailure) return { error: null, message: thrown.message };
  const error = thrown instanceof Error ? thrown : null;
  const name = error?.name ?? typeof thrown;
  const message = error?.message ?? String(thrown);
  const firstLine = message.split("\n")[0];
  if (
    error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied ||
    name === "NotCapable"
  ) {
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
