/**
 * Which exercises a command line means: ids, notebook paths, or everything.
 *
 * @module
 */
import { basename, resolve } from "node:path";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";

/** The exercises to grade and where their notebooks are. */
export interface Selection {
  /** The exercises, in course order. */
  manifests: ExerciseManifest[];
  /** Notebook file name -> path, for notebooks named by path. */
  notebookPaths: Map<string, string>;
}

/**
 * Resolves targets: an argument ending in `.ipynb` is a notebook path (its
 * exercises are those whose manifest names that file), anything else an id.
 *
 * @param targets The command line's positional arguments.
 * @param all Every exercise of the course.
 * @returns The selection.
 * @throws Error naming unknown ids and notebooks with no exercises.
 */
export function selectExercises(targets: string[], all: ExerciseManifest[]): Selection {
  if (targets.length === 0) return { manifests: all, notebookPaths: new Map() };
  const chosen = new Set<string>();
  const notebookPaths = new Map<string, string>();
  const unknown: string[] = [];
  for (const target of targets) {
    if (target.endsWith(".ipynb")) {
      const name = basename(target);
      const matching = all.filter((m) => m.notebook === name);
      if (matching.length === 0) unknown.push(`${target} (no exercise belongs to ${name})`);
      notebookPaths.set(name, resolve(target));
      matching.forEach((m) => chosen.add(m.id));
    } else if (all.some((m) => m.id === target)) {
      chosen.add(target);
    } else {
      unknown.push(target);
    }
  }
  if (unknown.length > 0) {
    throw new Error(
      `unknown: ${unknown.join(", ")}\nexercises: ${all.map((m) => m.id).join(", ")}`,
    );
  }
  return { manifests: all.filter((m) => chosen.has(m.id)), notebookPaths };
}
