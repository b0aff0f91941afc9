/**
 * What a teacher wants from a class's grade reports: points per learner and
 * exercise, completion per chapter, the exercises most failed, and the
 * failing checks grouped by the misconception they reveal. Pure functions of
 * the collected reports.
 *
 * @module
 */
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import type { LearnerResult } from "./collect.ts";
import { checkKey } from "./misconceptions.ts";

/** The group of failing checks that name no misconception. */
export const UNNAMED = "(no misconception named for this check)";

/** How far the class got in one chapter. */
export interface ChapterCompletion {
  /** The chapter, e.g. `01-async-io`. */
  chapter: string;
  /** Passed exercises, over every learner with a report. */
  passed: number;
  /** Exercises of the chapter times learners with a report. */
  possible: number;
  /** `passed / possible` in percent (0 when nobody has a report). */
  percent: number;
}

/**
 * Completion per chapter: the share of (learner, exercise) pairs passed.
 *
 * @param manifests the course's exercises
 * @param results the learners' reports
 * @returns one line per chapter, in course order
 */
export function completionPerChapter(
  manifests: readonly ExerciseManifest[],
  results: readonly LearnerResult[],
): ChapterCompletion[] {
  const graded = results.filter((r) => r.report);
  const chapters = [...new Set(manifests.map((m) => m.notebook))];
  return chapters.map((notebook) => {
    const ids = new Set(manifests.filter((m) => m.notebook === notebook).map((m) => m.id));
    let passed = 0;
    for (const r of graded) {
      passed += r.report!.exercises.filter((e) => ids.has(e.id) && e.status === "passed").length;
    }
    const possible = ids.size * graded.length;
    return {
      chapter: notebook.replace(/\.ipynb$/, ""),
      passed,
      possible,
      percent: possible ? Math.round((1000 * passed) / possible) / 10 : 0,
    };
  });
}

/** An exercise and how many learners have not passed it. */
export interface FailedExercise {
  /** The exercise id. */
  id: string;
  /** Its title. */
  title: string;
  /** Learners whose last grading failed it or could not run it. */
  learners: number;
}

/**
 * The exercises most learners fail (status `failed` or `error`), most first.
 *
 * @param manifests the course's exercises (for titles and order)
 * @param results the learners' reports
 * @returns exercises failed by at least one learner, most failed first (ties in course order)
 */
export function mostFailedExercises(
  manifests: readonly ExerciseManifest[],
  results: readonly LearnerResult[],
): FailedExercise[] {
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const e of r.report?.exercises ?? []) {
      if (e.status !== "passed") counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    }
  }
  return manifests
    .filter((m) => counts.has(m.id))
    .map((m) => ({ id: m.id, title: m.title, learners: counts.get(m.id)! }))
    .sort((a, b) => b.learners - a.learners);
}

/** One failing check and the learners it failed for. */
export interface FailingCheck {
  /** The exercise id. */
  exercise: string;
  /** The check's name. */
  check: string;
  /** The learners whose last grading failed this check, sorted. */
  learners: string[];
}

/** The failing checks that reveal one misconception. */
export interface MisconceptionGroup {
  /** The misconception, or {@link UNNAMED}. */
  misconception: string;
  /** Distinct learners who failed at least one of these checks. */
  learners: number;
  /** The checks, most failed first. */
  checks: FailingCheck[];
}

/**
 * The failing checks across the class, grouped by the misconception each
 * names; the groups most learners fall into first, {@link UNNAMED} last.
 *
 * @param results the learners' reports
 * @param misconceptions misconception by `checkKey(exercise, check)`
 * @returns the groups
 */
export function failingChecksByMisconception(
  results: readonly LearnerResult[],
  misconceptions: ReadonlyMap<string, string>,
): MisconceptionGroup[] {
  const checks = new Map<string, FailingCheck>();
  for (const r of results) {
    for (const e of r.report?.exercises ?? []) {
      for (const c of e.checks) {
        if (c.passed) continue;
        const key = checkKey(e.id, c.name);
        const entry = checks.get(key) ?? { exercise: e.id, check: c.name, learners: [] };
        entry.learners.push(r.learner);
        checks.set(key, entry);
      }
    }
  }
  const groups = new Map<string, FailingCheck[]>();
  for (const [key, check] of checks) {
    const name = misconceptions.get(key) ?? UNNAMED;
    groups.set(name, [...(groups.get(name) ?? []), check]);
  }
  return [...groups].map(([misconception, list]) => ({
    misconception,
    learners: new Set(list.flatMap((c) => c.learners)).size,
    checks: list.sort((a, b) => b.learners.length - a.learners.length),
  })).sort((a, b) =>
    Number(a.misconception === UNNAMED) - Number(b.misconception === UNNAMED) ||
    b.learners - a.learners
  );
}
