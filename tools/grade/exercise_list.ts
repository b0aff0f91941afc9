/**
 * Every exercise of the course: the manifests under `exercises/`, in course order.
 *
 * @module
 */
import { type ExerciseManifest, EXERCISES_DIR, loadManifest } from "@course/lib/notebook/mod.ts";

/** The course's exercises, and the folders that are not (yet) valid exercises. */
export interface ExerciseList {
  /** Valid manifests, sorted by id (which starts with the notebook number: course order). */
  manifests: ExerciseManifest[];
  /** One line per folder skipped: missing or invalid `exercise.json`, or no `check.ts`. */
  problems: string[];
}

/**
 * Loads every `exercises/<id>/exercise.json`. A folder that is not a valid
 * exercise (an author's work in progress) is reported in `problems` and
 * skipped, so that it never stops the grading of the others.
 *
 * @param root The exercises folder.
 * @returns The manifests and the problems.
 */
export async function loadExercises(root: URL = EXERCISES_DIR): Promise<ExerciseList> {
  const ids: string[] = [];
  for await (const entry of Deno.readDir(root)) {
    if (entry.isDirectory && !entry.name.startsWith(".") && !entry.name.startsWith("_")) {
      ids.push(entry.name);
    }
  }
  ids.sort();
  const manifests: ExerciseManifest[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    try {
      const manifest = await loadManifest(id, root);
      await Deno.stat(new URL(`${id}/check.ts`, root)).catch(() => {
        throw new Error(`exercises/${id}: check.ts is missing`);
      });
      manifests.push(manifest);
    } catch (error) {
      problems.push(`exercises/${id} skipped: ${(error as Error).message}`);
    }
  }
  return { manifests, problems };
}

/**
 * The valid exercises only; see {@linkcode loadExercises} for the problems.
 *
 * @param root The exercises folder.
 * @returns The manifests, in course order.
 */
export async function listExercises(root: URL = EXERCISES_DIR): Promise<ExerciseManifest[]> {
  return (await loadExercises(root)).manifests;
}
