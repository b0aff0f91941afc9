/**
 * Runs an exercise's checks against the learner's bindings: the one
 * implementation behind both the notebook's `check()` and `deno task grade`.
 *
 * @module
 */
import type { ExerciseChecks } from "./define_checks.ts";
import { classifyError } from "./classify_error.ts";
import { CheckFailure } from "./check_failure.ts";
import type { CheckOutcome, ChecksOutcome } from "./outcome.ts";
import { show } from "./expect.ts";

/** Which checks to run and how long they may take. */
export interface RunChecksOptions {
  /** Names the bindings must define (the manifest's `exports`). */
  required: readonly string[];
  /** Run hidden checks too (the grader does; the notebook does not). */
  includeHidden: boolean;
  /** Seconds all the checks together may take before the rest are reported as timeouts. */
  timeLimit: number;
  /**
   * When the time limit started counting (a `performance.now()` value), if
   * before this call: the grader counts running the cell against the same limit.
   */
  startedAt?: number;
}

class CheckTimeout extends Error {}

/** `instanceof` that survives a thrown Proxy whose traps throw. */
function isOurs<T>(thrown: unknown, type: new (...args: never[]) => T): thrown is T {
  try {
    return thrown instanceof type;
  } catch {
    return false;
  }
}

/** Resolves with `run()`'s result, or rejects with CheckTimeout after `ms` milliseconds. */
async function withDeadline(run: () => void | Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), Math.max(0, ms));
  });
  try {
    // Promise.resolve().then(run) turns a synchronous throw into a rejection.
    await Promise.race([Promise.resolve().then(run), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the due checks in order and collects an outcome for each. A check that
 * throws a `CheckFailure` failed; any other error is classified (`throw`,
 * `permission`, `exit`, ...). When time runs out the running check is a
 * `timeout` and the rest are not run.
 *
 * @param exercise The exercise's checks (the default export of its `check.ts`).
 * @param bindings The learner's top-level names, as passed to `check()` or exported by the sandbox.
 * @param options Which checks, which names are required, the time limit.
 * @returns Per-check outcomes, and the first failure as the exercise's message.
 */
export async function runChecks<B>(
  exercise: ExerciseChecks<B>,
  bindings: Record<string, unknown>,
  options: RunChecksOptions,
): Promise<ChecksOutcome> {
  const due = exercise.checks.filter((c) => options.includeHidden || !c.hidden);
  const missing = options.required.filter((name) => bindings[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((n) => `\`${n}\``).join(", ");
    const message = `${names} ${missing.length > 1 ? "are" : "is"} not defined: ` +
      `the exercise cell must define ${missing.length > 1 ? "them" : "it"} ` +
      `(got ${missing.map((n) => show(bindings[n])).join(", ")})`;
    return {
      checks: due.map((c) => ({
        name: c.name,
        hidden: !!c.hidden,
        passed: false,
        message: "not run",
        error: null,
      })),
      passed: false,
      message,
      error: null,
    };
  }
  const deadline = (options.startedAt ?? performance.now()) + options.timeLimit * 1000;
  const outcomes: CheckOutcome[] = [];
  let timedOut = false;
  for (const check of due) {
    const base = { name: check.name, hidden: !!check.hidden };
    if (timedOut) {
      outcomes.push({ ...base, passed: false, message: "not run: time ran out", error: "timeout" });
      continue;
    }
    try {
      await withDeadline(() => check.run(bindings as B), deadline - performance.now());
      outcomes.push({ ...base, passed: true, message: "", error: null });
    } catch (thrown) {
      if (isOurs(thrown, CheckTimeout)) {
        timedOut = true;
        const message = `timeout: did not finish within the exercise's ${options.timeLimit} s ` +
          `(a promise that never settles, or a loop that never ends?)`;
        outcomes.push({ ...base, passed: false, message, error: "timeout" });
        continue;
      }
      const { error, message } = classifyError(thrown);
      // Only our own CheckFailure carries a trace; a learner's object could throw from a getter.
      const trace = isOurs(thrown, CheckFailure)
        ? thrown.trace as unknown[] | undefined
        : undefined;
      outcomes.push({ ...base, passed: false, message, error, ...(trace ? { trace } : {}) });
    }
  }
  const firstFailure = outcomes.find((o) => !o.passed);
  return {
    checks: outcomes,
    passed: !firstFailure,
    message: firstFailure ? `${firstFailure.name}: ${firstFailure.message}` : "",
    error: firstFailure?.error ?? null,
  };
}
