/**
 * Every exercise of the course: the manifests under `exercises/`, in course order.
 *
 * @module
 */
import { type ExerciseManifest, EXERCISES_DIR, loadManifest } from "@course/lib/notebook/mod.ts";

/**
 * Loads every `exercises/<id>/exercise.json`, sorted by id (which starts with
 * the notebook number, so this is course order).
 *
 * @param root The exercises folder.
 * @returns The manifests.
 * @throws Error naming the folder when a manifest is missing or invalid (an author's bug).
 */
export async function listExercises(root: URL = EXERCISES_DIR): Promise<ExerciseManifest[]> {
  const ids: string[] = [];
  for await (const entry of Deno.readDir(root)) {
    if (entry.isDirectory && !entry.name.startsWith(".") && !entry.name.startsWith("_")) {
      ids.push(entry.name);
    }
  }
  ids.sort();
  return await Promise.all(ids.map((id) => loadManifest(id, root)));
}
