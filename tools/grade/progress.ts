/**
 * The learner's progress, `.course/progress.json` (ignored by git): the last
 * result of every exercise graded so far, written atomically.
 *
 * @module
 */
import { dirname } from "node:path";
import { z } from "zod";
import { ExerciseReportSchema, type GradeReport } from "./report_schema.ts";

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
 * Reads the progress file; a missing or unreadable one counts as no progress
 * (grading again rebuilds it).
 *
 * @param path The progress file.
 * @returns The progress.
 */
export async function readProgress(path: string): Promise<Progress> {
  try {
    return ProgressSchema.parse(JSON.parse(await Deno.readTextFile(path)));
  } catch {
    return emptyProgress();
  }
}

/**
 * Records a report's results in the progress.
 *
 * @param progress The progress so far.
 * @param report The new results.
 * @param now The grading time.
 * @returns The updated progress (a new object).
 */
export function recordReport(progress: Progress, report: GradeReport, now = new Date()): Progress {
  const exercises = { ...progress.exercises };
  for (const e of report.exercises) {
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
 */
export async function writeProgress(path: string, progress: Progress): Promise<void> {
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
