/**
 * Runs inside the sandbox (a `deno run` with only the manifest's permissions):
 * for its one job, loads the checks and the learner's module, runs every check
 * with `runChecks` (the same code as the notebook's `check()`), and prints the
 * outcome on a marker line.
 *
 * The sandbox's entry script (written by `sandbox.ts`) calls {@linkcode runJob}
 * with loaders that are literal `import("...")` calls: Deno resolves those
 * without read permission, and a learner module that does not parse fails
 * only its own import.
 *
 * @module
 */
import {
  checksOf,
  type ChecksOutcome,
  classifyError,
  EXIT_ATTEMPT,
  runChecks,
} from "@course/lib/notebook/mod.ts";
import { MARKER, type SandboxEvent, type SandboxJob } from "./sandbox_protocol.ts";
import { BINDINGS_EXPORT } from "./learner_module.ts";

/**
 * One exercise as the entry script hands it over: a {@link SandboxJob} whose
 * two URLs have become literal `import()` calls.
 */
export interface RunnerJob extends Pick<SandboxJob, "id" | "exports" | "timeLimit"> {
  /** Imports the exercise's `check.ts`. */
  loadChecks: () => Promise<{ default?: unknown }>;
  /** Imports the learner's module. */
  loadModule: () => Promise<Record<string, unknown>>;
}

// Captured before any learner code runs, which may replace console.log or Deno.exit.
const stdout = Deno.stdout;
const encoder = new TextEncoder();
const exit = Deno.exit;

function emit(nonce: string, event: SandboxEvent): void {
  // The leading newline ends any partial line the learner's code printed.
  const bytes = encoder.encode(`\n${MARKER}${nonce} ${JSON.stringify(event)}\n`);
  for (let written = 0; written < bytes.length;) {
    written += stdout.writeSync(bytes.subarray(written));
  }
}

/** The error that replaces `Deno.exit` so that an exiting exercise does not end the batch. */
class ExitAttempt extends Error {
  constructor(code?: number) {
    super(`Deno.exit(${code ?? ""})`);
    this.name = EXIT_ATTEMPT;
  }
}

class LoadTimeout extends Error {}

function crashed(message: string, error: ChecksOutcome["error"]): ChecksOutcome {
  return { checks: [], passed: false, message, error };
}

async function grade(job: RunnerJob): Promise<ChecksOutcome> {
  let checks;
  try {
    checks = checksOf(await job.loadChecks(), `exercises/${job.id}/check.ts`);
  } catch (error) {
    return crashed(`crash: the exercise's check.ts failed to load: ${error}`, "crash");
  }
  let module: Record<string, unknown>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One time limit covers running the cell and its checks (exercises/README.md).
  const startedAt = performance.now();
  try {
    // The timer also keeps the process alive while a top-level await never settles.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LoadTimeout()), job.timeLimit * 1000);
    });
    module = await Promise.race([job.loadModule(), expired]);
  } catch (thrown) {
    if (thrown instanceof LoadTimeout) {
      return crashed(
        `timeout: running the cell did not finish within ${job.timeLimit} s ` +
          `(a top-level await that never settles?)`,
        "timeout",
      );
    }
    const { error, message } = classifyError(thrown, "load");
    return crashed(error === "syntax" ? message : `${message} (while running the cell)`, error);
  } finally {
    clearTimeout(timer);
  }
  const bindings = module[BINDINGS_EXPORT] as Record<string, unknown>;
  const outcome = await runChecks(checks, bindings, {
    required: job.exports,
    includeHidden: true,
    timeLimit: job.timeLimit,
    startedAt,
  });
  // Traces are for the notebook's timeline; the report has no use for them.
  return { ...outcome, checks: outcome.checks.map(({ trace: _, ...rest }) => rest) };
}

/**
 * Grades one exercise, printing a start and a result marker, then ends the
 * process (whatever timers the learner's code left).
 *
 * @param job The exercise.
 * @returns Never: it exits the process.
 */
export async function runJob(job: RunnerJob): Promise<never> {
  const nonce = Deno.args[0];
  Object.defineProperty(Deno, "exit", {
    value: (code?: number) => {
      throw new ExitAttempt(code);
    },
  });
  // A learner's stray rejection or timer error must not end the process for the others.
  globalThis.addEventListener("unhandledrejection", (event) => event.preventDefault());
  globalThis.addEventListener("error", (event) => event.preventDefault());
  emit(nonce, { type: "start", id: job.id });
  emit(nonce, { type: "result", id: job.id, outcome: await grade(job) });
  return exit(0);
}
