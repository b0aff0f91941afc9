/**
 * The grader's report: the schema of `deno task grade --json`, and of the
 * exercises stored in `.course/progress.json`.
 *
 * @module
 */
import { z } from "zod";
import { CheckOutcomeSchema, ErrorKindSchema } from "@course/lib/notebook/mod.ts";

/**
 * How an exercise fared:
 * - `passed`: every check passed; full points
 * - `failed`: the code ran, some check failed; 0 points
 * - `error`: the code could not be graded (see `error`); 0 points
 */
export const StatusSchema = z.enum(["passed", "failed", "error"]);

/** One exercise's line of the report. */
export const ExerciseReportSchema = z.object({
  /** The exercise id, such as `01-predict-order`. */
  id: z.string(),
  /** The exercise's title. */
  title: z.string(),
  /** The notebook file the exercise cell was read from. */
  notebook: z.string(),
  /** Passed, failed or error. */
  status: StatusSchema,
  /** Points earned: `max` when passed, else 0 (all or nothing). */
  points: z.number().int().nonnegative(),
  /** Points the exercise is worth. */
  max: z.number().int().nonnegative(), // 0 for a quiz: ungraded progress
  /** Empty when passed; the first failing check's name and message, or the error. */
  message: z.string(),
  /** What went wrong when `status` is `error` (timeout, permission, exit, syntax, ...). */
  error: ErrorKindSchema.nullable(),
  /** Every check that ran, visible and hidden, in order (empty when none could run). */
  checks: z.array(CheckOutcomeSchema.omit({ trace: true })),
  /**
   * Whether the learner had `hint()` show the last hint, the answer
   * (`.course/hints.json`); the points stand, the report just says so.
   */
  answerShown: z.boolean(),
});

/** One exercise's line of the report. */
export type ExerciseReport = z.infer<typeof ExerciseReportSchema>;

/**
 * The version of the report's shape: raised when a field changes meaning or
 * goes away (new optional fields keep it).
 */
export const REPORT_VERSION = 1;

/** The whole report, as printed by `deno task grade --json`. */
export const GradeReportSchema = z.object({
  /** The report's shape; see {@linkcode REPORT_VERSION}. */
  version: z.literal(REPORT_VERSION),
  /** Points over the exercises graded in this run. */
  total: z.object({ points: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
  /** One entry per graded exercise, in course order (by id). */
  exercises: z.array(ExerciseReportSchema),
});

/** The whole report. */
export type GradeReport = z.infer<typeof GradeReportSchema>;

/**
 * The report's schema as JSON Schema, for tools outside this project
 * (`deno task grade --schema` prints it).
 *
 * @returns A JSON Schema (draft 2020-12) object.
 *
 * @example
 * ```ts
 * import { reportJsonSchema } from "./report_schema.ts";
 * console.log(Object.keys(reportJsonSchema().properties as object));
 * ```
 */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(GradeReportSchema, { io: "output" });
}
