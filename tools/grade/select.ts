/**
 * Which exercises a command line means: ids, notebook paths, or everything.
 *
 * @module
 */
import { basename, resolve } from "node:path";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import { UsageError } from "./usage_error.ts";

/** The exercises to grade and where their notebooks are. */
export interface Selection {
  /** The exercises, in course order. */
  manifests: ExerciseManifest[];
  /** Exercise id -> the notebook file to read it from, for notebooks named by path. */
  exercisePaths: Map<string, string>;
}

/**
 * Resolves targets: an argument ending in `.ipynb` is a notebook path; its
 * exercises are those whose marked cells it holds (so a "Make a Copy"
 * notebook, `01-async-io-Copy1.ipynb`, grades like the original) and those
 * whose manifest names that file. Anything else is an exercise id.
 *
 * @param targets The command line's positional arguments (notebook paths absolute).
 * @param all Every exercise of the course.
 * @param marks Notebook path -> the exercise ids marked in it (empty when unreadable).
 * @returns The selection.
 * @throws UsageError naming unknown ids and notebooks with no exercises.
 */
export function selectExercises(
  targets: string[],
  all: ExerciseManifest[],
  marks: ReadonlyMap<string, readonly string[]> = new Map(),
): Selection {
  if (targets.length === 0) return { manifests: all, exercisePaths: new Map() };
  const chosen = new Set<string>();
  const exercisePaths = new Map<string, string>();
  const unknown: string[] = [];
  for (const target of targets) {
    if (target.endsWith(".ipynb")) {
      const path = resolve(target);
      const name = basename(path);
      const marked = new Set(marks.get(path) ?? []);
      const matching = all.filter((m) => marked.has(m.id) || m.notebook === name);
      if (matching.length === 0) {
        unknown.push(`${target} (it holds no exercise cell, and no exercise belongs to ${name})`);
      }
      for (const m of matching) {
        chosen.add(m.id);
        exercisePaths.set(m.id, path);
      }
    } else if (all.some((m) => m.id === target)) {
      chosen.add(target);
    } else {
      unknown.push(target);
    }
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown: ${unknown.join(", ")}\nexercises: ${all.map((m) => m.id).join(", ")}`,
    );
  }
  return { manifests: all.filter((m) => chosen.has(m.id)), exercisePaths };
}
