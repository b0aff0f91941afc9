/**
 * One sandboxed grading process: `deno run` with only the manifest's
 * permissions, running `sandbox_runner.ts` over some jobs, watched for its
 * time limit (per exercise) and its output cap (per exercise).
 *
 * @module
 */
import { linesOf } from "../lines.ts";
import { HERMETIC_FLAGS, isCacheMiss, sandboxEnv } from "./module_cache.ts";
import { join } from "node:path";
import type { ChecksOutcome, Permission } from "@course/lib/notebook/mod.ts";
import {
  MARKER,
  type SandboxEvent,
  SandboxEventSchema,
  type SandboxJob,
} from "./sandbox_protocol.ts";

/** How the sandbox runs. */
export interface SandboxOptions {
  /** Grants for the process (the manifests' `permissions`, all jobs alike). */
  permissions: readonly Permission[];
  /** The repo's `deno.json`, for the import map that resolves `@course/lib`. */
  configPath: string;
  /** The working directory: a temp dir outside the repo. */
  cwd: string;
  /** Bytes of stdout + stderr one exercise may print before it is stopped. */
  outputCap: number;
  /** Seconds allowed to start the process and load the checks before the first exercise. */
  startupLimit: number;
  /** Kills the process at once (Ctrl-C); the run then counts as interrupted. */
  signal?: AbortSignal;
}

/** How a process that did not finish its jobs ended. */
export interface SandboxDeath {
  /** The job that was running, if any. */
  id: string | null;
  /** Whether it was the first job of the process (so nothing earlier can be to blame). */
  first: boolean;
  /** The outcome to report for it. */
  outcome: ChecksOutcome;
}

/** What one process achieved. */
export interface SandboxRun {
  /** Outcomes of the jobs that finished, by id. */
  outcomes: Map<string, ChecksOutcome>;
  /** Jobs that never started because the process died first. */
  notStarted: SandboxJob[];
  /** Set when the process died before finishing every job. */
  death: SandboxDeath | null;
  /** The process failed because Deno's module cache lacks something (warm it and retry). */
  cacheMiss: boolean;
  /** Stopped by an interrupt (the signal, or a SIGINT the process got): no outcome is evidence. */
  interrupted: boolean;
}

/** Seconds added to an exercise's time limit before its process is killed. */
export const KILL_GRACE = 1;

const RUNNER = new URL("./sandbox_runner.ts", import.meta.url);

/**
 * The sandbox's entry script: the runner, and for each job literal `import()`
 * calls, which Deno loads without read permission (a computed specifier would
 * need `--allow-read`).
 */
function entrySource(jobs: SandboxJob[]): string {
  const lit = (value: unknown) => JSON.stringify(value);
  const items = jobs.map((job) =>
    `  {\n    id: ${lit(job.id)},\n    exports: ${lit(job.exports)},\n` +
    `    timeLimit: ${lit(job.timeLimit)},\n` +
    `    loadChecks: () => import(${lit(job.checkUrl)}),\n` +
    `    loadModule: () => import(${lit(job.moduleUrl)}),\n  },`
  );
  // Loading the library here makes it part of start-up (generous limit, npm cache may be cold),
  // not part of the first exercise's time limit.
  return `import "@course/lib";\nimport { runJobs } from ${lit(String(RUNNER))};\n\n` +
    `await runJobs(Deno.args[0], [\n${items.join("\n")}\n]);\n`;
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
 * Runs jobs in one sandboxed process, in order, and collects their outcomes.
 * When an exercise overruns its time limit or the output cap, the process is
 * killed; when the process ends early, the running exercise gets an `exit`
 * error. Either way the jobs not yet started come back in `notStarted`.
 *
 * @param jobs The exercises to grade, all with the same permissions.
 * @param options Permissions, paths and limits.
 * @returns Outcomes, unstarted jobs and how the process died, if it did.
 */
export async function runSandbox(jobs: SandboxJob[], options: SandboxOptions): Promise<SandboxRun> {
  const nonce = crypto.randomUUID();
  const entry = join(options.cwd, `entry-${nonce}.ts`);
  await Deno.writeTextFile(entry, entrySource(jobs));
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
      nonce,
    ],
    cwd: options.cwd,
    clearEnv: true,
    env: sandboxEnv(),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  const outcomes = new Map<string, ChecksOutcome>();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  let current: string | null = null;
  let startedCount = 0;
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
    if (event.type === "start") {
      current = event.id;
      startedCount++;
      printed = 0;
      const limit = byId.get(event.id)?.timeLimit ?? 5;
      arm(limit + KILL_GRACE, () =>
        died(
          `timeout: did not finish within the exercise's ${limit} s time limit ` +
            `(an endless loop, or work that never yields?)`,
          "timeout",
        ));
    } else {
      outcomes.set(event.id, event.outcome);
      current = null;
      arm(
        options.startupLimit,
        () => died("crash: the grading process stopped responding", "crash"),
      );
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
    for await (const line of linesOf(child.stdout, { onBytes: count, maxLength: 64 * 1024 })) {
      const parsed = line.startsWith(prefix) ? parseEvent(line.slice(prefix.length)) : null;
      if (parsed?.success) onEvent(parsed.data);
      else remember(line);
    }
  })();
  // Whole lines, also across chunks: the out-of-memory check reads them.
  const readStderr = (async () => {
    for await (const line of linesOf(child.stderr, { onBytes: count })) remember(line);
  })();
  const interrupt = () => kill(died("interrupted", "crash"));
  options.signal?.addEventListener("abort", interrupt, { once: true });
  if (options.signal?.aborted) interrupt();
  const [status] = await Promise.all([child.status, readStdout, readStderr]);
  clearTimeout(timer);
  options.signal?.removeEventListener("abort", interrupt);
  // Ctrl-C in a terminal reaches the whole process group, the sandbox too.
  const interrupted = !!options.signal?.aborted || status.signal === "SIGINT";
  if (interrupted) {
    return { outcomes: new Map(), notStarted: [], death: null, cacheMiss: false, interrupted };
  }

  const notStarted = jobs.filter((j) => !outcomes.has(j.id) && j.id !== current);
  if (outcomes.size === jobs.length) {
    return { outcomes, notStarted: [], death: null, cacheMiss: false, interrupted };
  }
  const lastWords = tail.filter((l) => /^\S/.test(l) && !l.startsWith("====")).slice(-2)
    .join(" | ");
  const outcome: ChecksOutcome = killedFor ?? (
    tail.some((l) => /out of memory|heap limit/i.test(l))
      ? died("crash: the code ran out of memory (512 MB)", "crash")
      : current
      ? died(
        `exit: the process ended while running the code (exit code ${status.code})` +
          (lastWords ? `: ${lastWords}` : ""),
        "exit",
      )
      : died(
        `crash: the grading process ended (exit code ${status.code})` +
          (lastWords ? `: ${lastWords}` : ""),
        "crash",
      )
  );
  return {
    outcomes,
    notStarted: current ? notStarted : notStarted.slice(1),
    death: { id: current ?? notStarted[0]?.id ?? null, first: startedCount <= 1, outcome },
    cacheMiss: !killedFor && isCacheMiss(tail),
    interrupted,
  };
}
