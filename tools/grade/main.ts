/**
 * `deno task grade`: grades the exercises in the notebooks on disk, prints a
 * report (or `--json`), records progress in `.course/progress.json`; `--list`
 * shows the recorded status, `--watch` re-grades on every save. See
 * exercises/README.md.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ExerciseManifest, readHintState } from "@course/lib/notebook/mod.ts";
import { type GradeArgs, parseGradeArgs, USAGE } from "./cli_args.ts";
import { loadExercises } from "./exercise_list.ts";
import { gradeExercises, GradingInterrupted } from "./grade.ts";
import { NOTEBOOKS_DIR, PROGRESS_PATH } from "./paths.ts";
import { checkProgressPath, readProgress, recordReport, writeProgress } from "./progress.ts";
import { renderList, renderReport, type Style } from "./render_report.ts";
import { type GradeReport, GradeReportSchema, reportJsonSchema } from "./report_schema.ts";
import { markedExercises, readGradedNotebook } from "./notebook_cells.ts";
import { scanNotebooks } from "./notebook_scan.ts";
import { selectExercises, type Selection } from "./select.ts";
import { UsageError } from "./usage_error.ts";
import { watchNotebooks } from "./watch.ts";

/**
 * `deno task` runs in the repo root; paths the learner typed are relative to
 * where they typed them (`INIT_CWD`).
 */
function withPathsFromCallerDir(args: GradeArgs): GradeArgs {
  const base = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  const abs = (p: string | undefined) => (p === undefined ? p : resolve(base, p));
  return {
    ...args,
    targets: args.targets.map((t) => (t.endsWith(".ipynb") ? resolve(base, t) : t)),
    notebooks: abs(args.notebooks),
    exercises: abs(args.exercises),
    progress: abs(args.progress),
  };
}

/** Grades a selection, records the progress, prints the report; returns nothing. */
async function gradeAndReport(
  selection: Selection,
  all: ExerciseManifest[],
  args: GradeArgs,
  style: Style,
  signal: AbortSignal,
): Promise<GradeReport> {
  const graded = await gradeExercises(selection.manifests, {
    notebooksDir: args.notebooks ?? NOTEBOOKS_DIR,
    exercisePaths: selection.exercisePaths,
    exercisesDir: exercisesUrl(args),
    signal,
  });
  const progressPath = args.progress ?? PROGRESS_PATH;
  // hint() keeps what it showed beside the progress (.course/hints.json).
  const hints = readHintState(join(dirname(progressPath), "hints.json"));
  const report = {
    ...graded,
    exercises: graded.exercises.map((e) => ({
      ...e,
      answerShown: hints.exercises[e.id]?.answerShown ?? false,
    })),
  };
  const progress = recordReport(await readProgress(progressPath), report);
  await writeProgress(progressPath, progress);
  if (args.json) {
    const json = GradeReportSchema.parse(report);
    console.log(args.watch ? JSON.stringify(json) : JSON.stringify(json, null, 2));
  } else console.log(renderReport(report, all, progress, style));
  return report;
}

/**
 * Runs the command line.
 *
 * @param argv The arguments.
 * @returns The exit code: 0 when every selected exercise passes, 1 when any fails or
 *   cannot be graded, 2 on a usage error, 130 when interrupted.
 */
export async function main(argv: string[]): Promise<number> {
  // Ctrl-C ends grading (and watching) at once, and nothing of the interrupted run is recorded.
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    return await run(argv, interrupt.signal);
  } catch (error) {
    if (error instanceof GradingInterrupted || interrupt.signal.aborted) {
      console.error("grade: interrupted; nothing of this run was recorded");
      return 130;
    }
    if (error instanceof UsageError) {
      console.error(`grade: ${error.message}`);
      return 2;
    }
    // Grading could not run at all (a cold cache while offline, a full disk): say why, exit 1.
    console.error(`grade: ${(error as Error)?.message ?? error}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

/** Paths the learner typed must exist: a typo is a usage error, never "0 points". */
async function checkInputPaths(args: GradeArgs): Promise<void> {
  for (const target of args.targets.filter((t) => t.endsWith(".ipynb"))) {
    const info = await Deno.stat(target).catch(() => null);
    if (!info?.isFile) throw new UsageError(`${target}: no such notebook file`);
  }
  for (const [flag, dir] of [["--notebooks", args.notebooks], ["--exercises", args.exercises]]) {
    if (dir === undefined) continue;
    const info = await Deno.stat(dir).catch(() => null);
    if (!info?.isDirectory) throw new UsageError(`${flag} ${dir}: no such folder`);
  }
}

function exercisesUrl(args: GradeArgs): URL | undefined {
  return args.exercises === undefined ? undefined : pathToFileURL(`${args.exercises}/`);
}

/** Notebook path -> the exercises marked in it, for the notebooks named on the command line. */
async function marksOf(targets: string[]): Promise<Map<string, string[]>> {
  const marks = new Map<string, string[]>();
  for (const target of targets.filter((t) => t.endsWith(".ipynb"))) {
    // An unreadable notebook is graded by its name; its exercises then say why it cannot be read.
    const notebook = await readGradedNotebook(target).catch(() => null);
    marks.set(resolve(target), notebook ? markedExercises(notebook) : []);
  }
  return marks;
}

async function run(argv: string[], signal: AbortSignal): Promise<number> {
  let args: GradeArgs;
  try {
    args = withPathsFromCallerDir(parseGradeArgs(argv));
  } catch (error) {
    console.error(`grade: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.schema) {
    console.log(JSON.stringify(reportJsonSchema(), null, 2));
    return 0;
  }
  const style = { color: !args.json && Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR") };
  await checkProgressPath(args.progress ?? PROGRESS_PATH);
  await checkInputPaths(args);
  const { manifests: all, problems } = await loadExercises(exercisesUrl(args));
  for (const problem of problems) console.error(`grade: ${problem}`);
  const selection = selectExercises(args.targets, all, await marksOf(args.targets));
  // Every notebook that cannot be read is named, whether or not it holds an exercise.
  const scan = await scanNotebooks(args.notebooks ?? NOTEBOOKS_DIR, all);
  for (const problem of scan.unreadable) console.error(`grade: cannot read notebook ${problem}`);
  if (args.list) {
    const progress = await readProgress(args.progress ?? PROGRESS_PATH);
    if (args.json) console.log(JSON.stringify(progress, null, 2));
    else {
      console.log(renderList(selection.manifests, progress, style));
      for (const copy of scan.copies) {
        console.log(
          `also in ${copy.name}: ${copy.ids.join(", ")} ` +
            `(a copy; grade it by name: deno task grade <path to ${copy.name}>)`,
        );
      }
    }
    return 0;
  }
  if (!args.watch) {
    const report = await gradeAndReport(selection, all, args, style, signal);
    // For CI and autograding: 0 only when every selected exercise passes.
    return report.exercises.every((e) => e.status === "passed") ? 0 : 1;
  }
  return await watch(selection, all, args, style, signal);
}

/** `--watch`: grades, then regrades each saved notebook until Ctrl-C (exit 130). */
async function watch(
  selection: Selection,
  all: ExerciseManifest[],
  args: GradeArgs,
  style: Style,
  signal: AbortSignal,
): Promise<number> {
  const notebooksDir = args.notebooks ?? NOTEBOOKS_DIR;
  const fileOf = (m: ExerciseManifest) =>
    selection.exercisePaths.get(m.id) ?? join(notebooksDir, m.notebook);
  const files = new Set(selection.manifests.map(fileOf));
  const names = new Set([...files].map((f) => basename(f)));
  // Started before the first grading, so that a save made during it is graded too.
  const watcher = watchNotebooks([...new Set([...files].map((f) => dirname(f)))], names);
  // Under --json, stdout carries only the reports (one JSON document per line); the rest is stderr.
  const say = args.json ? console.error : console.log;
  let first = true;
  await watcher.run([...names], async (saved, regradeSignal) => {
    const manifests = selection.manifests.filter((m) => saved.includes(basename(fileOf(m))));
    if (!first) say(`\n--- ${new Date().toLocaleTimeString()}: ${saved.join(", ")} saved`);
    await gradeAndReport({ ...selection, manifests }, all, args, style, regradeSignal);
    if (first) {
      say(`\nwatching ${[...names].join(", ")}: save a notebook to grade it (Ctrl-C stops)`);
    }
    first = false;
  }, {
    signal,
    onError: (error) =>
      console.error(
        `grade: this regrade failed: ${(error as Error)?.message ?? error}; still watching`,
      ),
  });
  throw new GradingInterrupted();
}

if (import.meta.main) Deno.exit(await main(Deno.args));
