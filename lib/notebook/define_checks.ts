/**
 * How an exercise author writes `exercises/<id>/check.ts`: a default export made
 * with {@linkcode defineChecks}. The notebook's `check()` and the command-line
 * grader both run these same checks, through `runChecks`.
 *
 * @module
 */

/**
 * One check: a named test of the learner's bindings. It passes when `run`
 * returns (or resolves); it fails when `run` throws a `CheckFailure` (use the
 * `expect*` helpers or `fail`). Any other error means the learner's code
 * crashed, and is reported as such.
 */
export interface Check<B> {
  /** What is checked, phrased as the property that should hold. */
  name: string;
  /**
   * Hidden checks run only in `deno task grade`, never in the notebook, so
   * that a learner cannot tune the code to the visible checks alone.
   */
  hidden?: boolean;
  /**
   * The wrong idea that failing this check most likely reveals, in a short
   * sentence (such as "awaiting inside the loop makes the waits take turns").
   * `deno task class-report` groups a class's failing checks by it.
   */
  misconception?: string;
  /** Tests the learner's bindings; throws `CheckFailure` when they are wrong. */
  run(bindings: B): void | Promise<void>;
}

/** The checks of one exercise, in the order they run and are shown. */
export interface ExerciseChecks<B = Record<string, unknown>> {
  /** The checks; the first failing one gives the exercise's message. */
  readonly checks: readonly Check<B>[];
}

/**
 * Declares the checks of an exercise; `check.ts` default-exports the result.
 *
 * @typeParam B The learner's bindings as the checks expect them, named as in the
 * manifest's `exports`. The checks receive whatever the learner wrote, so check
 * the shape first (`expectFunction`) before calling it.
 * @param checks The checks, in order.
 * @returns The exercise's checks.
 *
 * @example
 * ```ts
 * import { defineChecks, expectEqual } from "@course/lib";
 *
 * export default defineChecks<{ double: (n: number) => number }>([
 *   { name: "double(2) is 4", run: ({ double }) => expectEqual(double(2), 4, "double(2)") },
 *   { name: "double(-3) is -6", hidden: true, run: ({ double }) => expectEqual(double(-3), -6) },
 * ]);
 * ```
 */
export function defineChecks<B>(checks: readonly Check<B>[]): ExerciseChecks<B> {
  if (checks.length === 0) throw new Error("defineChecks: an exercise needs at least one check");
  const names = new Set<string>();
  for (const check of checks) {
    if (names.has(check.name)) throw new Error(`defineChecks: two checks named "${check.name}"`);
    names.add(check.name);
  }
  return { checks };
}
