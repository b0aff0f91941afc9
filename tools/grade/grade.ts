/**
 * Grades exercises from the notebooks on disk: extracts each exercise cell
 * (and the cells it needs), runs every check in sandboxed processes, and
 * builds the report. Never writes to a notebook.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type ChecksOutcome,
  exerciseFile,
  type ExerciseManifest,
  EXERCISES_DIR,
} from "@course/lib/notebook/mod.ts";
import { buildLearnerModule, type LearnerModule, mapPositions } from "./learner_module.ts";
import { cellById, exerciseCells, readGradedNotebook } from "./notebook_cells.ts";
import { CONFIG_PATH, NOTEBOOKS_DIR } from "./paths.ts";
import type { ExerciseReport, GradeReport } from "./report_schema.ts";
import { warmModuleCache } from "./module_cache.ts";
import { runSandbox } from "./sandbox.ts";
import type { SandboxJob } from "./sandbox_protocol.ts";

/** Where the course is and how hard to work. */
export interface GradeOptions {
  /** The exercises folder. */
  exercisesDir?: URL;
  /** The folder the notebooks are read from. */
  notebooksDir?: string;
  /** Notebook file name -> path, for notebooks given explicitly (they win over `notebooksDir`). */
  notebookPaths?: ReadonlyMap<string, string>;
  /** Sandboxed processes at once; defaults to the number of cores. */
  concurrency?: number;
  /** Bytes one exercise may print; defaults to 1 MiB. */
  outputCap?: number;
  /** Where progress lines go (preparing a cold module cache); defaults to stderr. */
  log?: (line: string) => void;
  /** Stops grading at once (Ctrl-C): running sandboxes are killed and nothing is reported. */
  signal?: AbortSignal;
}

/**
 * Grading was interrupted (Ctrl-C): the run produced no evidence, so nothing
 * of it may be recorded.
 */
export class GradingInterrupted extends Error {
  /** Creates the error. */
  constructor() {
    super("grading was interrupted; nothing was recorded");
    this.name = "GradingInterrupted";
  }
}

/** An exercise ready for the sandbox. */
interface Prepared {
  manifest: ExerciseManifest;
  job: SandboxJob;
  module: LearnerModule;
}

function report(
  manifest: ExerciseManifest,
  outcome: ChecksOutcome,
): ExerciseReport {
  // "error": the code could not be graded; a check that threw is still a (failed) answer.
  const status = outcome.passed
    ? "passed"
    : outcome.checks.length === 0 || (outcome.error && outcome.error !== "throw")
    ? "error"
    : "failed";
  return {
    id: manifest.id,
    title: manifest.title,
    notebook: manifest.notebook,
    status,
    points: outcome.passed ? manifest.points : 0,
    max: manifest.points,
    message: outcome.message,
    error: outcome.passed ? null : outcome.error,
    checks: outcome.checks.map(({ trace: _, ...rest }) => rest),
  };
}

/** A failure before any code ran (notebook or cell problems). */
function problem(manifest: ExerciseManifest, kind: "notebook" | "cell", text: string) {
  return report(manifest, {
    checks: [],
    passed: false,
    error: kind,
    message: `${kind}: ${manifest.notebook}, exercise ${manifest.id}: ${text}`,
  });
}

/** Adds where the error happened after its kind: "syntax: in <nb>, exercise <id>: ...". */
function locate(
  manifest: ExerciseManifest,
  outcome: ChecksOutcome,
  module: LearnerModule,
  url: string,
) {
  const mapped = (text: string) => mapPositions(text, url, module);
  const message = mapped(outcome.message);
  const where = `${manifest.notebook}, exercise ${manifest.id}`;
  return {
    ...outcome,
    checks: outcome.checks.map((c) => ({ ...c, message: mapped(c.message) })),
    message: outcome.error && outcome.checks.length === 0
      ? message.replace(/^(\w+): /, `$1: ${where}: `)
      : message,
  };
}

/**
 * Grades exercises. Problems with one notebook or one exercise (invalid JSON,
 * missing cell, syntax error, endless loop, ...) become that exercise's error;
 * the others are graded as usual.
 *
 * @param manifests The exercises to grade.
 * @param options Folders, concurrency, output cap, an interrupt signal.
 * @returns The report, exercises in the order given.
 * @throws GradingInterrupted when the signal aborts or a sandbox gets SIGINT.
 */
export async function gradeExercises(
  manifests: readonly ExerciseManifest[],
  options: GradeOptions = {},
): Promise<GradeReport> {
  const exercisesDir = options.exercisesDir ?? EXERCISES_DIR;
  const notebooksDir = options.notebooksDir ?? NOTEBOOKS_DIR;
  const concurrency = Math.max(1, options.concurrency ?? navigator.hardwareConcurrency ?? 2);
  const reports = new Map<string, ExerciseReport>();
  const prepared = new Map<string, Prepared>();
  const tempDir = await Deno.makeTempDir({ prefix: "course-grade-" });
  try {
    const byNotebook = Map.groupBy(manifests, (m) => m.notebook);
    for (const [notebookName, group] of byNotebook) {
      const path = options.notebookPaths?.get(notebookName) ?? join(notebooksDir, notebookName);
      let notebook;
      try {
        notebook = await readGradedNotebook(path);
      } catch (error) {
        for (const m of group) reports.set(m.id, problem(m, "notebook", (error as Error).message));
        continue;
      }
      for (const manifest of group) {
        const marked = exerciseCells(notebook, manifest.id);
        if (marked.length !== 1) {
          const mark = `{"course": {"exercise": "${manifest.id}"}}`;
          reports.set(
            manifest.id,
            problem(
              manifest,
              "cell",
              marked.length === 0
                ? `no code cell is marked ${mark} in its metadata (was the cell deleted, ` +
                  `or its metadata removed?)`
                : `${marked.length} cells are marked ${mark}; keep the mark on one cell only`,
            ),
          );
          continue;
        }
        const needed = manifest.cells.map((id) => cellById(notebook, id) ?? id);
        const missing = needed.filter((c) => typeof c === "string");
        if (missing.length > 0) {
          reports.set(
            manifest.id,
            problem(manifest, "cell", `the cell(s) it needs are missing: ${missing.join(", ")}`),
          );
          continue;
        }
        const cells = [...needed.filter((c) => typeof c !== "string"), marked[0]];
        const module = buildLearnerModule(cells, manifest.exports);
        const modulePath = join(tempDir, `${manifest.id}.ts`);
        await Deno.writeTextFile(modulePath, module.source);
        prepared.set(manifest.id, {
          manifest,
          module,
          job: {
            id: manifest.id,
            checkUrl: String(exerciseFile(manifest.id, "check.ts", exercisesDir)),
            moduleUrl: String(pathToFileURL(modulePath)),
            exports: manifest.exports,
            timeLimit: manifest.timeLimit,
          },
        });
      }
    }

    // One process per exercise, as many at once as there are cores: nothing one exercise
    // leaves behind can change another's result, and a death is blamed on its cause.
    const queue = [...prepared.values()];
    const record = (p: Prepared, outcome: ChecksOutcome) => {
      reports.set(
        p.manifest.id,
        report(p.manifest, locate(p.manifest, outcome, p.module, p.job.moduleUrl)),
      );
    };
    // One interrupt (ours, or a SIGINT a sandbox got) stops every worker.
    const stop = new AbortController();
    const forward = () => stop.abort();
    options.signal?.addEventListener("abort", forward, { once: true });
    if (options.signal?.aborted) stop.abort();
    // A cold module cache is filled once, by this process; the sandboxes never go online.
    let warming: Promise<void> | null = null;
    const worker = async () => {
      for (let p = queue.shift(); p && !stop.signal.aborted; p = queue.shift()) {
        const sandbox = () =>
          runSandbox(p!.job, {
            permissions: p!.manifest.permissions,
            configPath: CONFIG_PATH,
            cwd: tempDir,
            outputCap: options.outputCap ?? 1024 * 1024,
            startupLimit: 60,
            signal: stop.signal,
          });
        let run = await sandbox();
        if (run.cacheMiss && !stop.signal.aborted) {
          warming ??= warmModuleCache(options.log ?? console.error);
          await warming;
          run = await sandbox();
        }
        if (run.interrupted || !run.outcome) {
          stop.abort();
          return;
        }
        record(p, run.outcome);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      options.signal?.removeEventListener("abort", forward);
    }
    if (stop.signal.aborted) throw new GradingInterrupted();
  } finally {
    await Deno.remove(tempDir, { recursive: true });
  }
  const exercises = manifests.map((m) => reports.get(m.id)!);
  return {
    total: {
      points: exercises.reduce((sum, e) => sum + e.points, 0),
      max: exercises.reduce((sum, e) => sum + e.max, 0),
    },
    exercises,
  };
}
