/**
 * The learner's progress, `.course/progress.json` (ignored by git): the last
 * result of every exercise graded so far, written atomically.
 *
 * @module
 */
import { dirname } from "node:path";
import { z } from "zod";
import { ExerciseReportSchema, type GradeReport } from "./report_schema.ts";
import { UsageError } from "./usage_error.ts";

/** The schema of `.course/progress.json`. */
export const ProgressSchema = z.object({
  version: z.literal(1),
  /** Last result per exercise id. */
  exercises: z.record(
    z.string(),
    ExerciseReportSchema.pick({ status: true, points: true, max: true, message: true }).extend({
      /** ISO time of the grading. */
      gradedAt: z.string(),
    }),
  ),
});

/** The learner's progress. */
export type Progress = z.infer<typeof ProgressSchema>;

/** Progress with nothing graded. */
export function emptyProgress(): Progress {
  return { version: 1, exercises: {} };
}

/**
 * Refuses a progress path the grader must not write: a notebook (`.ipynb`), a
 * folder, or an existing file that is not a progress file (an empty file is
 * taken as empty progress). The grader writes nothing but its own files.
 *
 * @param path The progress file the command line names.
 * @throws UsageError saying why, and what to do instead.
 */
export async function checkProgressPath(path: string): Promise<void> {
  const other = "choose another file with --progress <file>";
  if (path.toLowerCase().endsWith(".ipynb")) {
    throw new UsageError(
      `--progress ${path}: that is a notebook; the grader never writes one (${other})`,
    );
  }
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw new UsageError(`--progress ${path}: cannot be read (${(error as Error).message})`);
  }
  if (info.isDirectory) throw new UsageError(`--progress ${path}: that is a folder (${other})`);
  if (!info.isFile) {
    throw new UsageError(`--progress ${path}: that is not a regular file (${other})`);
  }
  const text = await Deno.readTextFile(path).catch((error: Error) => {
    throw new UsageError(`--progress ${path}: cannot be read (${error.message})`);
  });
  if (text.trim() === "") return;
  if (!isProgressText(text)) {
    throw new UsageError(
      `--progress ${path}: that file exists and is not a grader progress file; ` +
        `the grader will not overwrite it (${other}; if it is an old or damaged progress ` +
        `file, delete it)`,
    );
  }
}

function isProgressText(text: string): boolean {
  try {
    return ProgressSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/**
 * Reads the progress file; a missing or empty one counts as no progress.
 *
 * @param path The progress file.
 * @returns The progress.
 * @throws UsageError when the file exists and is not a progress file (see
 *   {@linkcode checkProgressPath}).
 */
export async function readProgress(path: string): Promise<Progress> {
  await checkProgressPath(path);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    return emptyProgress();
  }
  return text.trim() === "" ? emptyProgress() : ProgressSchema.parse(JSON.parse(text));
}

/**
 * Records a report's results in the progress. Progress moves only on
 * evidence: a result from a notebook that could not be read (`error:
 * "notebook"`: missing, half-saved, not JSON) says nothing about the learner's
 * answer and is not recorded, so it never replaces an earlier result.
 *
 * @param progress The progress so far.
 * @param report The new results.
 * @param now The grading time.
 * @returns The updated progress (a new object).
 */
export function recordReport(progress: Progress, report: GradeReport, now = new Date()): Progress {
  const exercises = { ...progress.exercises };
  for (const e of report.exercises) {
    if (e.error === "notebook") continue;
    exercises[e.id] = {
      status: e.status,
      points: e.points,
      max: e.max,
      message: e.message,
      gradedAt: now.toISOString(),
    };
  }
  return { version: 1, exercises };
}

/**
 * Writes the progress atomically: a temp file in the same folder, then a
 * rename, so that a crash never leaves a half-written file.
 *
 * @param path The progress file.
 * @param progress The progress.
 * @throws UsageError when `path` is not the grader's to write.
 */
export async function writeProgress(path: string, progress: Progress): Promise<void> {
  // Checked again at the moment of writing: in watch mode the file may have changed since.
  await checkProgressPath(path);
  await Deno.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(temp, JSON.stringify(progress, null, 2) + "\n");
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
