/**
 * `deno task grade`: grades the exercises in the notebooks on disk, prints a
 * report (or `--json`), records progress in `.course/progress.json`; `--list`
 * shows the recorded status, `--watch` re-grades on every save. See
 * exercises/README.md.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import { type GradeArgs, parseGradeArgs, USAGE } from "./cli_args.ts";
import { loadExercises } from "./exercise_list.ts";
import { gradeExercises, GradingInterrupted } from "./grade.ts";
import { NOTEBOOKS_DIR, PROGRESS_PATH } from "./paths.ts";
import { checkProgressPath, readProgress, recordReport, writeProgress } from "./progress.ts";
import { renderList, renderReport, type Style } from "./render_report.ts";
import { GradeReportSchema } from "./report_schema.ts";
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
): Promise<void> {
  const report = await gradeExercises(selection.manifests, {
    notebooksDir: args.notebooks ?? NOTEBOOKS_DIR,
    notebookPaths: selection.notebookPaths,
    exercisesDir: exercisesUrl(args),
    signal,
  });
  const progressPath = args.progress ?? PROGRESS_PATH;
  const progress = recordReport(await readProgress(progressPath), report);
  await writeProgress(progressPath, progress);
  if (args.json) console.log(JSON.stringify(GradeReportSchema.parse(report), null, 2));
  else console.log(renderReport(report, all, progress, style));
}

/**
 * Runs the command line.
 *
 * @param argv The arguments.
 * @returns The exit code: 0 when grading ran (whatever the score), 2 on a usage error.
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
    if (!(error instanceof UsageError)) throw error;
    console.error(`grade: ${error.message}`);
    return 2;
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
  const style = { color: !args.json && Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR") };
  await checkProgressPath(args.progress ?? PROGRESS_PATH);
  await checkInputPaths(args);
  const { manifests: all, problems } = await loadExercises(exercisesUrl(args));
  for (const problem of problems) console.error(`grade: ${problem}`);
  let selection: Selection;
  try {
    selection = selectExercises(args.targets, all);
  } catch (error) {
    console.error(`grade: ${(error as Error).message}`);
    return 2;
  }
  if (args.list) {
    const progress = await readProgress(args.progress ?? PROGRESS_PATH);
    if (args.json) console.log(JSON.stringify(progress, null, 2));
    else console.log(renderList(selection.manifests, progress, style));
    return 0;
  }
  await gradeAndReport(selection, all, args, style, signal);
  if (!args.watch) return 0;

  const notebooksDir = args.notebooks ?? NOTEBOOKS_DIR;
  const names = new Set(selection.manifests.map((m) => m.notebook));
  const dirs = new Set(
    [...names].map((n) => dirname(selection.notebookPaths.get(n) ?? join(notebooksDir, n))),
  );
  console.log(`\nwatching ${[...names].join(", ")}: save a notebook to grade it (Ctrl-C stops)`);
  await watchNotebooks([...dirs], names, async (name) => {
    const manifests = selection.manifests.filter((m) => m.notebook === name);
    if (!args.json) console.log(`\n--- ${new Date().toLocaleTimeString()}: ${name} saved`);
    await gradeAndReport({ ...selection, manifests }, all, args, style, signal);
  }, signal);
  throw new GradingInterrupted();
}

if (import.meta.main) Deno.exit(await main(Deno.args));
