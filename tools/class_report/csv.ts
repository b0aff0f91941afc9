/**
 * The class as a spreadsheet: one row per learner, one column per exercise,
 * points in the cells (empty where the exercise was never graded).
 *
 * @module
 */
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import type { LearnerResult } from "./collect.ts";

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes the class's points as CSV: `learner,status,points,max,<exercise ids...>`.
 * Learners without a report keep their row, with the reason in `status`.
 *
 * @param manifests the course's exercises (the columns, in course order)
 * @param results the learners' reports
 * @returns the CSV text, ending in a newline
 * @example
 * ```ts
 * const csv = classCsv([], [{ learner: "ada", report: null, problem: "no report yet" }]);
 * console.log(csv); // "learner,status,points,max\nada,no report yet,,\n"
 * ```
 */
export function classCsv(
  manifests: readonly ExerciseManifest[],
  results: readonly LearnerResult[],
): string {
  const header = ["learner", "status", "points", "max", ...manifests.map((m) => m.id)];
  const rows = results.map((r) => {
    if (!r.report) return [r.learner, r.problem ?? "no report", "", "", ...manifests.map(() => "")];
    const byId = new Map(r.report.exercises.map((e) => [e.id, e]));
    return [
      r.learner,
      "graded",
      r.report.total.points,
      r.report.total.max,
      ...manifests.map((m) => byId.get(m.id)?.points ?? ""),
    ];
  });
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\n") + "\n";
}
