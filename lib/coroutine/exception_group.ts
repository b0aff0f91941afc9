/**
 * `ExceptionGroup`: several errors raised together, as Python 3.11 has them.
 *
 * @module
 */

/**
 * Python's `ExceptionGroup`, which a {@link TaskGroup} raises when its tasks
 * (or its body) fail. It extends JavaScript's own `AggregateError` (what
 * `Promise.any` rejects with), so `error.errors` and `instanceof
 * AggregateError` work as a JavaScript reader expects; `exceptions` is the
 * same array under Python's name. Python's `except*` has no JavaScript
 * spelling: use `subgroup` / `split` to pick out the errors you handle.
 *
 * @example
 * ```ts
 * import { ExceptionGroup } from "@course/lib";
 * const group = new ExceptionGroup("two failed", [new TypeError("a"), new RangeError("b")]);
 * console.log(group instanceof AggregateError, group.exceptions.length); // true 2
 * console.log(group.subgroup(TypeError)?.exceptions.map(String)); // [ "TypeError: a" ]
 * ```
 */
export class ExceptionGroup extends AggregateError {
  /**
   * A group of `exceptions`, with a message.
   * @param message What failed.
   * @param exceptions The errors (at least one).
   * @throws {TypeError} If `exceptions` is empty or not an array.
   */
  constructor(message: string, exceptions: readonly unknown[]) {
    if (!Array.isArray(exceptions) || exceptions.length === 0) {
      throw new TypeError("an ExceptionGroup needs a non-empty array of errors");
    }
    const n = exceptions.length;
    super(exceptions, `${message} (${n} sub-exception${n === 1 ? "" : "s"})`);
    this.name = "ExceptionGroup";
  }

  /** The errors, Python's name for `errors`. */
  get exceptions(): readonly unknown[] {
    return this.errors;
  }

  /**
   * The errors that match, nested groups kept, or `null` if none do.
   * @param match A class (`instanceof`) or a predicate.
   * @returns A group of the matching errors, or `null`.
   */
  subgroup(match: ErrorMatch): ExceptionGroup | null {
    return this.split(match)[0];
  }

  /**
   * Splits the group into the errors that match and the rest.
   * @param match A class (`instanceof`) or a predicate.
   * @returns `[matching, rest]`, each a group or `null`.
   */
  split(match: ErrorMatch): [ExceptionGroup | null, ExceptionGroup | null] {
    const test = toPredicate(match);
    const yes: unknown[] = [], no: unknown[] = [];
    for (const error of this.errors) {
      if (error instanceof ExceptionGroup) {
        const [a, b] = error.split(match);
        if (a !== null) yes.push(a);
        if (b !== null) no.push(b);
      } else (test(error) ? yes : no).push(error);
    }
    const base = this.message.replace(/ \(\d+ sub-exceptions?\)$/, "");
    return [
      yes.length > 0 ? new ExceptionGroup(base, yes) : null,
      no.length > 0 ? new ExceptionGroup(base, no) : null,
    ];
  }
}

/** What `subgroup` and `split` match: an Error class or a predicate. */
export type ErrorMatch =
  // deno-lint-ignore no-explicit-any
  | (abstract new (...args: any[]) => Error)
  | ((error: unknown) => boolean);

// An Error class matches by instanceof; any other function is a predicate.
function toPredicate(match: ErrorMatch): (error: unknown) => boolean {
  if (typeof match !== "function") {
    throw new TypeError("match must be an error class or a function");
  }
  const proto = match.prototype;
  if (match === Error || (proto !== undefined && proto instanceof Error)) {
    return (error) => error instanceof (match as new () => unknown);
  }
  return match as (error: unknown) => boolean;
}
