/**
 * The grader's human-readable output: per-exercise lines grouped by notebook,
 * the run's total and a progress bar for the whole course.
 *
 * @module
 */
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import type { Progress } from "./progress.ts";
import type { ExerciseReport, GradeReport } from "./report_schema.ts";

/** Terminal styling; plain text when colour is off. */
export interface Style {
  /** Whether to use ANSI colours. */
  color: boolean;
}

const paint = (style: Style, code: number, text: string) =>
  style.color ? `\x1b[${code}m${text}\x1b[0m` : text;

const MARKS: Record<string, [string, number]> = {
  passed: ["✔", 32],
  failed: ["✘", 31],
  error: ["!", 33],
  todo: ["·", 90],
};

function line(
  style: Style,
  status: string,
  id: string,
  points: string,
  title: string,
  width: number,
): string {
  const [mark, color] = MARKS[status] ?? MARKS.todo;
  return `  ${paint(style, color, mark)} ${id.padEnd(width)}  ${points.padStart(5)}  ${title}`;
}

/**
 * A progress bar: `[#####---------------] 25%`.
 *
 * @param done Points earned.
 * @param max Points possible.
 * @param width Characters inside the brackets.
 * @returns The bar.
 */
export function progressBar(done: number, max: number, width = 30): string {
  const ratio = max > 0 ? Math.min(1, done / max) : 0;
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
}

/**
 * The course line: points and exercises passed over every exercise, from the progress.
 *
 * @param manifests Every exercise of the course.
 * @param progress The learner's progress.
 * @returns `course: [###---] 12% 4 / 33 points, 2 of 15 exercises passed`.
 */
export function courseLine(manifests: readonly ExerciseManifest[], progress: Progress): string {
  const max = manifests.reduce((sum, m) => sum + m.points, 0);
  const points = manifests.reduce((sum, m) => sum + (progress.exercises[m.id]?.points ?? 0), 0);
  const passed = manifests.filter((m) => progress.exercises[m.id]?.status === "passed").length;
  return `course: ${progressBar(points, max)}  ${points} / ${max} points, ` +
    `${passed} of ${manifests.length} exercises passed`;
}

function byNotebook<T extends { notebook: string }>(items: readonly T[]): Map<string, T[]> {
  return Map.groupBy(items, (i) => i.notebook);
}

/**
 * The report of one grading run.
 *
 * @param report The run's results.
 * @param manifests Every exercise of the course (for the course line).
 * @param progress The progress after this run.
 * @param style Colours on or off.
 * @returns Lines of text.
 */
export function renderReport(
  report: GradeReport,
  manifests: readonly ExerciseManifest[],
  progress: Progress,
  style: Style,
): string {
  const width = Math.max(...report.exercises.map((e) => e.id.length), 10);
  const out: string[] = [];
  for (const [notebook, exercises] of byNotebook<ExerciseReport>(report.exercises)) {
    out.push(notebook);
    for (const e of exercises) {
      const title = e.answerShown ? `${e.title}  (answer shown)` : e.title;
      out.push(line(style, e.status, e.id, `${e.points}/${e.max}`, title, width));
      if (e.status !== "passed") out.push(`      ${paint(style, 90, "→")} ${e.message}`);
    }
  }
  out.push(
    "",
    `graded: ${report.total.points} / ${report.total.max} points`,
    courseLine(manifests, progress),
  );
  const failing = report.exercises.find((e) => e.status !== "passed");
  if (failing) out.push(`next: ${failing.id} (in ${failing.notebook}); hint("${failing.id}")`);
  return out.join("\n");
}

/**
 * Every exercise with its last recorded status (`todo` when never graded).
 *
 * @param manifests Every exercise of the course.
 * @param progress The learner's progress.
 * @param style Colours on or off.
 * @returns Lines of text.
 */
export function renderList(
  manifests: readonly ExerciseManifest[],
  progress: Progress,
  style: Style,
): string {
  const width = Math.max(...manifests.map((m) => m.id.length), 10);
  const out: string[] = [];
  for (const [notebook, group] of byNotebook(manifests)) {
    out.push(notebook);
    for (const m of group) {
      const recorded = progress.exercises[m.id];
      const status = recorded?.status ?? "todo";
      const points = `${recorded?.points ?? 0}/${m.points}`;
      out.push(line(style, status, m.id, points, `${m.title}  (${status})`, width));
    }
  }
  out.push("", courseLine(manifests, progress));
  return out.join("\n");
}
