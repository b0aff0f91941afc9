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
  type ExerciseChecks,
  EXIT_ATTEMPT,
  runChecks,
} from "@course/lib/notebook/mod.ts";
import { hardenIntrinsics, type IntrinsicsSnapshot, snapshotIntrinsics } from "./intrinsics.ts";
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

// Captured before any learner code runs, which may replace console.log, Deno.stdout, JSON or
// Deno.exit: the result channel uses only these originals.
const writeSync = Deno.stdout.writeSync.bind(Deno.stdout);
const encode = TextEncoder.prototype.encode.bind(new TextEncoder());
const stringify = JSON.stringify;
const subarray = Uint8Array.prototype.subarray;
const apply = Reflect.apply;
const exit = Deno.exit;

/**
 * The run's marker nonce, the first line of stdin: read before any learner
 * code runs, so the learner's code can neither read it (stdin is then at its
 * end, `Deno.args` is empty) nor forge a marker line without it.
 */
async function readNonce(): Promise<string> {
  const buffer = new Uint8Array(128);
  let text = "";
  while (!text.includes("\n")) {
    const n = await Deno.stdin.read(buffer);
    if (n === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, n));
  }
  return text.trim();
}

function emitJson(nonce: string, json: string): void {
  // The leading newline ends any partial line the learner's code printed.
  const bytes = encode(`\n${MARKER}${nonce} ${json}\n`);
  for (let written = 0; written < bytes.length;) {
    written += writeSync(apply(subarray, bytes, [written]) as Uint8Array);
  }
}

function emit(nonce: string, event: SandboxEvent): void {
  emitJson(nonce, stringify(event));
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

/** Names what the learner's code changed among the built-ins, or `null` when nothing. */
function tampered(snapshot: IntrinsicsSnapshot): string | null {
  const changes = snapshot.changes();
  if (changes.length === 0) return null;
  const shown = changes.slice(0, 3).join(", ") + (changes.length > 3 ? ", ..." : "");
  return `tamper: the code changed built-ins the checks rely on (${shown}); ` +
    `the grader cannot trust the checks' verdict. Write your own helper instead of ` +
    `changing or adding to a built-in`;
}

async function grade(job: RunnerJob, snapshot: () => IntrinsicsSnapshot): Promise<ChecksOutcome> {
  let checks: ExerciseChecks<unknown>;
  try {
    // A copy taken before the learner's code runs: emptying or editing the module's own
    // array (it could import check.ts) changes nothing.
    const loaded = checksOf(await job.loadChecks(), `exercises/${job.id}/check.ts`);
    checks = {
      checks: loaded.checks.map((check) => Object.freeze({ ...check })),
    };
    if (checks.checks.length === 0) throw new Error("no checks");
  } catch (error) {
    return crashed(`crash: the exercise's check.ts failed to load: ${error}`, "crash");
  }
  hardenIntrinsics();
  const intrinsics = snapshot();
  let module: Record<string, unknown>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One time limit covers running the cell and its checks (exercises/README.md).
  const startedAt = performance.now();
  const loadTimeout = new LoadTimeout();
  try {
    // The timer also keeps the process alive while a top-level await never settles.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(loadTimeout), job.timeLimit * 1000);
    });
    module = await Promise.race([job.loadModule(), expired]);
  } catch (thrown) {
    // Identity, not instanceof: a thrown Proxy can throw from instanceof.
    if (thrown === loadTimeout) {
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
  const changedOnLoad = tampered(intrinsics);
  if (changedOnLoad) return crashed(changedOnLoad, "tamper");
  const bindings = module[BINDINGS_EXPORT] as Record<string, unknown>;
  const outcome = await runChecks(checks, bindings, {
    required: job.exports,
    includeHidden: true,
    timeLimit: job.timeLimit,
    startedAt,
  });
  const changedOnRun = tampered(intrinsics);
  if (changedOnRun) return crashed(changedOnRun, "tamper");
  // Traces are for the notebook's timeline; the report has no use for them.
  return { ...outcome, checks: outcome.checks.map(({ trace: _, ...rest }) => rest) };
}

/**
 * Grades one exercise, printing a start and a result marker, then ends the
 * process (whatever timers the learner's code left).
 *
 * @param job The exercise.
 * @param library The course library's namespace: its classes' prototypes are watched too.
 * @returns Never: it exits the process.
 */
export async function runJob(
  job: RunnerJob,
  library: Record<string, unknown> = {},
): Promise<never> {
  const nonce = await readNonce();
  Object.defineProperty(Deno, "exit", {
    value: (code?: number) => {
      throw new ExitAttempt(code);
    },
  });
  // A learner's stray rejection or timer error must not end the process for the others.
  globalThis.addEventListener("unhandledrejection", (event) => event.preventDefault());
  globalThis.addEventListener("error", (event) => event.preventDefault());
  emit(nonce, { type: "start", id: job.id });
  let outcome: ChecksOutcome;
  try {
    outcome = await grade(job, () => snapshotIntrinsics(library));
  } catch (error) {
    // A bug of the runner's own, never the learner's answer: say so instead of dying silently.
    outcome = crashed(`crash: the grader's runner failed: ${String(error).slice(0, 500)}`, "crash");
  }
  if (outcome.error === "tamper") {
    // Written by hand: a learner's Object.prototype.toJSON must not reach this result.
    const json = `{"type":"result","id":${stringify(job.id)},"outcome":{"checks":[],` +
      `"passed":false,"message":${stringify(outcome.message)},"error":"tamper"}}`;
    emitJson(nonce, json);
  } else emit(nonce, { type: "result", id: job.id, outcome });
  return exit(0);
}
