/**
 * `deno task grade`: grades the exercises in the notebooks on disk, prints a
 * report (or `--json`), records progress in `.course/progress.json`; `--list`
 * shows the recorded status, `--watch` re-grades on every save. See
 * exercises/README.md.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import { type GradeArgs, parseGradeArgs, USAGE } from "./cli_args.ts";
import { loadExercises } from "./exercise_list.ts";
import { gradeExercises } from "./grade.ts";
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
    progress: abs(args.progress),
  };
}

/** Grades a selection, records the progress, prints the report; returns nothing. */
async function gradeAndReport(
  selection: Selection,
  all: ExerciseManifest[],
  args: GradeArgs,
  style: Style,
): Promise<void> {
  const report = await gradeExercises(selection.manifests, {
    notebooksDir: args.notebooks ?? NOTEBOOKS_DIR,
    notebookPaths: selection.notebookPaths,
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
  try {
    return await run(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`grade: ${error.message}`);
    return 2;
  }
}

async function run(argv: string[]): Promise<number> {
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
  const { manifests: all, problems } = await loadExercises();
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
  await gradeAndReport(selection, all, args, style);
  if (!args.watch) return 0;

  const notebooksDir = args.notebooks ?? NOTEBOOKS_DIR;
  const names = new Set(selection.manifests.map((m) => m.notebook));
  const dirs = new Set(
    [...names].map((n) => dirname(selection.notebookPaths.get(n) ?? join(notebooksDir, n))),
  );
  console.log(`\nwatching ${[...names].join(", ")}: save a notebook to grade it (Ctrl-C stops)`);
  const stop = new AbortController();
  Deno.addSignalListener("SIGINT", () => stop.abort());
  await watchNotebooks([...dirs], names, async (name) => {
    const manifests = selection.manifests.filter((m) => m.notebook === name);
    if (!args.json) console.log(`\n--- ${new Date().toLocaleTimeString()}: ${name} saved`);
    await gradeAndReport({ ...selection, manifests }, all, args, style);
  }, stop.signal);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
