/**
 * The error a check throws to say "the learner's code is wrong", as opposed to
 * any other error, which means the learner's code crashed.
 *
 * @module
 */

/** Extra feedback a failing check can attach. */
export interface FailureDetails {
  /**
   * Trace events of the teaching loop from the learner's run; the notebook
   * draws them as a timeline under the check table.
   */
  trace?: readonly unknown[];
}

/**
 * A check's verdict "wrong answer", with a message that says what was expected
 * and what the learner's code did.
 *
 * @example
 * ```ts
 * import { CheckFailure } from "@course/lib";
 * function expectOne(got: number): void {
 *   if (got !== 1) throw new CheckFailure(`expected 1, got ${got}`);
 * }
 * try {
 *   expectOne(10);
 * } catch (error) {
 *   console.log((error as CheckFailure).message); // "expected 1, got 10"
 * }
 * ```
 */
export class CheckFailure extends Error {
  /** Trace events for a timeline, when the check has them. */
  readonly trace?: readonly unknown[];

  /**
   * Creates the failure a check throws (or use {@link fail}).
   *
   * @param message What was expected and what happened, in one or two short sentences.
   * @param details Extra feedback, such as the learner's trace.
   */
  constructor(message: string, details: FailureDetails = {}) {
    super(message);
    this.name = "CheckFailure";
    this.trace = details.trace;
  }
}

/**
 * Fails the current check with a message.
 *
 * @param message What was expected and what happened.
 * @param details Extra feedback, such as the learner's trace.
 * @returns Never: it always throws.
 * @throws CheckFailure always.
 */
export function fail(message: string, details?: FailureDetails): never {
  throw new CheckFailure(message, details);
}
