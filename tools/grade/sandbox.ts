/**
 * One sandboxed grading process for one exercise: `deno run` with only the
 * manifest's permissions, no environment for the learner's code, modules from
 * the lockfile and the local cache only, running `sandbox_runner.ts` on the
 * exercise, watched for its time limit and its output cap.
 *
 * One process per exercise: whatever an exercise leaves behind (timers,
 * microtask loops, patched globals, a dying process) cannot touch another's
 * result, and a timeout or a death is always blamed on the exercise that
 * caused it.
 *
 * @module
 */
import { join } from "node:path";
import type { ChecksOutcome, Permission } from "@course/lib/notebook/mod.ts";
import { linesOf } from "../lines.ts";
import { HERMETIC_FLAGS, isCacheMiss, sandboxEnv } from "./module_cache.ts";
import {
  MARKER,
  type SandboxEvent,
  SandboxEventSchema,
  type SandboxJob,
} from "./sandbox_protocol.ts";

/** How the sandbox runs. */
export interface SandboxOptions {
  /** Grants for the process (the manifest's `permissions`). */
  permissions: readonly Permission[];
  /** The repo's `deno.json`, for the import map that resolves `@course/lib`. */
  configPath: string;
  /** The working directory: a temp dir outside the repo. */
  cwd: string;
  /** Bytes of stdout + stderr the exercise may print before it is stopped. */
  outputCap: number;
  /** Seconds allowed to start the process and load the library, before the exercise's clock starts. */
  startupLimit: number;
  /** Resident bytes at which the process is stopped; defaults to {@linkcode MEMORY_CAP_BYTES}. */
  memoryCap?: number;
  /** The runner module (tests pass a fake one); defaults to `sandbox_runner.ts`. */
  runnerUrl?: URL;
  /** Kills the process at once (Ctrl-C); the run then counts as interrupted. */
  signal?: AbortSignal;
}

/** What one sandboxed run produced. */
export interface SandboxResult {
  /** The exercise's outcome (`null` when interrupted: no evidence either way). */
  outcome: ChecksOutcome | null;
  /** The process failed because Deno's module cache lacks something (warm it and retry). */
  cacheMiss: boolean;
  /** Stopped by an interrupt (the signal, or a SIGINT the process got). */
  interrupted: boolean;
}

/** Seconds added to an exercise's time limit before its process is killed. */
export const KILL_GRACE = 1;

/**
 * Resident memory at which the sandbox is stopped: it counts what V8's heap
 * limit does not (ArrayBuffers, typed arrays, other memory outside the heap).
 */
export const MEMORY_CAP_BYTES = 1024 * 1024 * 1024;

/** How often the sandbox's resident memory is read. */
const MEMORY_POLL_MS = 50;

/**
 * A process's resident memory in bytes, from `/proc/<pid>/status` (Linux);
 * `null` where that cannot be read (another OS, or the process is gone).
 *
 * @param pid The process.
 * @returns Bytes resident, or `null`.
 */
export async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const kib = status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

const RUNNER = new URL("./sandbox_runner.ts", import.meta.url);

/**
 * The sandbox's entry script: the runner, and literal `import()` calls for the
 * checks and the learner's module, which Deno loads without read permission
 * (a computed specifier would need `--allow-read`).
 */
function entrySource(job: SandboxJob, runner: URL): string {
  const lit = (value: unknown) => JSON.stringify(value);
  // Loading the library here makes it part of start-up (generous limit), not of the time limit.
  return `import * as courseLib from "@course/lib";\nimport { runJob } from ${
    lit(String(runner))
  };\n\n` +
    `await runJob({\n  id: ${lit(job.id)},\n  exports: ${lit(job.exports)},\n` +
    `  timeLimit: ${lit(job.timeLimit)},\n` +
    `  loadChecks: () => import(${lit(job.checkUrl)}),\n` +
    `  loadModule: () => import(${lit(job.moduleUrl)}),\n}, courseLib);\n`;
}

/** The `deno run` flags for a set of grants (none means no flags: no access at all). */
export function permissionFlags(permissions: readonly Permission[]): string[] {
  return [...new Set(permissions)].sort().map((p) => {
    switch (p) {
      case "net-loopback":
        return "--allow-net=127.0.0.1";
      case "run-deno":
        return `--allow-run=${Deno.execPath()}`;
    }
  });
}

function parseEvent(json: string) {
  try {
    return SandboxEventSchema.safeParse(JSON.parse(json));
  } catch {
    return null;
  }
}

function died(message: string, error: ChecksOutcome["error"]): ChecksOutcome {
  return { checks: [], passed: false, message, error };
}

/**
 * Grades one exercise in a new sandboxed process. When the exercise overruns
 * its time limit or the output cap, the process is killed and the exercise
 * gets that error; when the process ends without a result, it gets `exit` (it
 * ended while running the code) or `crash`.
 *
 * @param job The exercise.
 * @param options Permissions, paths, limits, an interrupt signal.
 * @returns The outcome, or that the run was interrupted or met a cold cache.
 */
export async function runSandbox(job: SandboxJob, options: SandboxOptions): Promise<SandboxResult> {
  // The nonce travels on stdin only: file names show up in stack traces the learner's code can read.
  const nonce = crypto.randomUUID();
  const entry = join(options.cwd, `entry-${job.id}-${crypto.randomUUID()}.ts`);
  await Deno.writeTextFile(entry, entrySource(job, options.runnerUrl ?? RUNNER));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      ...HERMETIC_FLAGS,
      "--quiet",
      "--config",
      options.configPath,
      "--v8-flags=--max-old-space-size=512",
      ...permissionFlags(options.permissions),
      entry,
    ],
    cwd: options.cwd,
    clearEnv: true,
    env: sandboxEnv(),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const sendNonce = (async () => {
    const writer = child.stdin.getWriter();
    try {
      await writer.write(new TextEncoder().encode(`${nonce}\n`));
      await writer.close();
    } catch {
      // The process died before reading it; its outcome says why.
    }
  })();

  let started = false;
  let result: ChecksOutcome | null = null;
  let printed = 0;
  let killedFor: ChecksOutcome | null = null;
  const tail: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const kill = (outcome: ChecksOutcome) => {
    if (killedFor) return;
    killedFor = outcome;
    clearTimeout(timer);
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
  };
  const arm = (seconds: number, outcome: () => ChecksOutcome) => {
    clearTimeout(timer);
    timer = setTimeout(() => kill(outcome()), seconds * 1000);
  };
  const onEvent = (event: SandboxEvent) => {
    // Only this run's exercise counts; anything else on the channel is ignored.
    if (event.id !== job.id) return;
    if (event.type === "start" && !started) {
      started = true;
      arm(job.timeLimit + KILL_GRACE, () =>
        died(
          `timeout: did not finish within the exercise's ${job.timeLimit} s time limit ` +
            `(an endless loop, or work that never yields?)`,
          "timeout",
        ));
    } else if (event.type === "result" && started && result === null) {
      result = event.outcome;
      arm(options.startupLimit, () => died("crash: the grading process did not end", "crash"));
    }
  };
  const remember = (line: string) => {
    if (line.trim() === "") return;
    tail.push(line.length > 300 ? `${line.slice(0, 300)}...` : line);
    if (tail.length > 12) tail.shift();
  };
  const count = (bytes: number) => {
    printed += bytes;
    if (printed > options.outputCap) {
      kill(died(
        `output: printed more than ${Math.round(options.outputCap / 1024)} KiB; ` +
          `the grader stopped it (a print inside a loop?)`,
        "output",
      ));
    }
  };

  arm(
    options.startupLimit,
    () => died("crash: the grading process did not start in time", "crash"),
  );
  const prefix = `${MARKER}${nonce} `;
  const readStdout = (async () => {
    for await (const line of linesOf(child.stdout, { onBytes: count, maxLength: 1024 * 1024 })) {
      const parsed = line.startsWith(prefix) ? parseEvent(line.slice(prefix.length)) : null;
      if (parsed?.success) onEvent(parsed.data);
      else remember(line);
    }
  })();
  // Whole lines, also across chunks: the out-of-memory check reads them.
  const readStderr = (async () => {
    for await (const line of linesOf(child.stderr, { onBytes: count })) remember(line);
  })();
  // Off-heap memory (ArrayBuffers) escapes V8's heap limit: watch the whole process.
  const memoryCap = options.memoryCap ?? MEMORY_CAP_BYTES;
  const memoryWatch = setInterval(async () => {
    const bytes = await residentBytes(child.pid);
    if (bytes !== null && bytes > memoryCap) {
      kill(died(
        `crash: out of memory: the code used more than ${Math.round(memoryCap / 2 ** 20)} MiB ` +
          `(counting ArrayBuffers and other memory outside the JavaScript heap); ` +
          `the grader stopped it`,
        "crash",
      ));
    }
  }, MEMORY_POLL_MS);
  const interrupt = () => kill(died("interrupted", "crash"));
  options.signal?.addEventListener("abort", interrupt, { once: true });
  if (options.signal?.aborted) interrupt();
  const [status] = await Promise.all([child.status, readStdout, readStderr, sendNonce]);
  clearTimeout(timer);
  clearInterval(memoryWatch);
  options.signal?.removeEventListener("abort", interrupt);
  await Deno.remove(entry).catch(() => {});

  // Ctrl-C in a terminal reaches the whole process group, the sandbox too.
  const interrupted = !!options.signal?.aborted || status.signal === "SIGINT";
  if (interrupted) return { outcome: null, cacheMiss: false, interrupted };
  if (killedFor) return { outcome: killedFor, cacheMiss: false, interrupted };
  if (result) return { outcome: result, cacheMiss: false, interrupted };
  const lastWords = tail.filter((l) => /^\S/.test(l) && !l.startsWith("====")).slice(-2)
    .join(" | ");
  const outcome = tail.some((l) => /out of memory|heap limit/i.test(l))
    ? died("crash: the code ran out of memory (512 MB heap)", "crash")
    : started
    ? died(
      `exit: the process ended while running the code (exit code ${status.code})` +
        (lastWords ? `: ${lastWords}` : ""),
      "exit",
    )
    : died(
      `crash: the grading process ended (exit code ${status.code})` +
        (lastWords ? `: ${lastWords}` : ""),
      "crash",
    );
  return { outcome, cacheMiss: !started && isCacheMiss(tail), interrupted };
}
