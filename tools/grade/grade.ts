/**
 * Grades exercises from the notebooks on disk: extracts each exercise cell
 * (and the cells it needs), runs every check in sandboxed processes, and
 * builds the report. Never writes to a notebook.
 *
 * @module
 */
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { capMessage } from "@course/lib/notebook/classify_error.ts";
import {
  type ChecksOutcome,
  exerciseFile,
  type ExerciseManifest,
  EXERCISES_DIR,
} from "@course/lib/notebook/mod.ts";
import {
  buildLearnerModule,
  type LearnerModule,
  mapPositions,
  refusedImports,
} from "./learner_module.ts";
import {
  cellById,
  definingCell,
  exerciseCells,
  type GradedNotebook,
  readGradedNotebook,
} from "./notebook_cells.ts";
import { CONFIG_PATH, NOTEBOOKS_DIR } from "./paths.ts";
import { type ExerciseReport, type GradeReport, REPORT_VERSION } from "./report_schema.ts";
import { warmModuleCache } from "./module_cache.ts";
import { runSandbox } from "./sandbox.ts";
import type { SandboxJob } from "./sandbox_protocol.ts";

/** Where the course is and how hard to work. */
export interface GradeOptions {
  /** The exercises folder. */
  exercisesDir?: URL;
  /** The folder the notebooks are read from. */
  notebooksDir?: string;
  /**
   * Exercise id -> notebook path, for notebooks named on the command line (they win over
   * `notebooksDir`; a "Make a Copy" notebook such as `01-async-io-Copy1.ipynb` is graded so).
   */
  exercisePaths?: ReadonlyMap<string, string>;
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
  notebook: GradedNotebook;
  /** The exercise cell's position in the notebook. */
  cellIndex: number;
}

/**
 * Adds a sentence to a `ReferenceError` message: the grader runs the exercise
 * cell on its own, and which earlier cell defines the missing name, if one does.
 *
 * @param text A message.
 * @param notebook The notebook the cell was read from.
 * @param cellIndex The exercise cell's position.
 * @returns The message, explained when it is a missing name.
 */
export function explainMissingName(
  text: string,
  notebook: GradedNotebook,
  cellIndex: number,
): string {
  const name = text.match(/ReferenceError: ([\w$]+) is not defined/)?.[1];
  if (!name || text.includes("graded on its own")) return text;
  const cell = definingCell(notebook, name, cellIndex);
  return `${text}. The exercise cell is graded on its own, without the cells above it: ` +
    (cell === null
      ? `define or import \`${name}\` in the exercise cell`
      : `\`${name}\` is defined in cell ${cell} of the notebook; define or import it in the ` +
        `exercise cell too`);
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
    message: capMessage(outcome.message),
    error: outcome.passed ? null : outcome.error,
    checks: outcome.checks.map(({ trace: _, ...rest }) => ({
      ...rest,
      message: capMessage(rest.message),
    })),
    answerShown: false,
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
  const importMap = Object.keys(JSON.parse(await Deno.readTextFile(CONFIG_PATH)).imports ?? {});
  const tempDir = await Deno.makeTempDir({ prefix: "course-grade-" });
  try {
    const pathOf = (m: ExerciseManifest) =>
      options.exercisePaths?.get(m.id) ?? join(notebooksDir, m.notebook);
    for (const [path, ofPath] of Map.groupBy(manifests, pathOf)) {
      // Reports name the file actually read (a copy, when one was named).
      const group = ofPath.map((m) => ({ ...m, notebook: basename(path) }));
      let notebook: GradedNotebook;
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
        const refused = refusedImports(module.source, importMap);
        if (refused.length > 0) {
          reports.set(
            manifest.id,
            report(manifest, {
              checks: [],
              passed: false,
              error: "permission",
              message:
                `permission: ${manifest.notebook}, exercise ${manifest.id}: the cell imports ` +
                `${refused.map((r) => `"${r}"`).join(", ")}; an exercise cell may import only ` +
                `@course/lib, the course's packages (${
                  importMap.filter((n) => !n.startsWith("@course")).join(", ")
                }), npm: and node: modules, not files by path`,
            }),
          );
          continue;
        }
        const modulePath = join(tempDir, `${manifest.id}.ts`);
        await Deno.writeTextFile(modulePath, module.source);
        prepared.set(manifest.id, {
          manifest,
          notebook,
          cellIndex: marked[0].index ?? notebook.cells.length,
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
      const located = locate(p.manifest, outcome, p.module, p.job.moduleUrl);
      const explain = (text: string) => explainMissingName(text, p.notebook, p.cellIndex);
      reports.set(
        p.manifest.id,
        report(p.manifest, {
          ...located,
          message: explain(located.message),
          checks: located.checks.map((c) => ({ ...c, message: explain(c.message) })),
        }),
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
    version: REPORT_VERSION,
    total: {
      points: exercises.reduce((sum, e) => sum + e.points, 0),
      max: exercises.reduce((sum, e) => sum + e.max, 0),
    },
    exercises,
  };
}
