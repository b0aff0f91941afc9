/**
 * Test helpers for a class on the hub: a throwaway class folder inside the
 * repository, and a solved exercise to save into a learner's notebook.
 *
 * @module
 */
import { REPO_ROOT } from "../../tools/hub/class_dir.ts";

/** A fresh class folder under `.course/` (inside the repo, so kernels find deno.json). */
export async function makeClassDir(prefix: string): Promise<string> {
  const dir = `${REPO_ROOT}/.course/${prefix}-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}

/** A notebook as JSON, loosely typed for editing. */
export interface NotebookJson {
  cells: { cell_type: string; metadata: { course?: { exercise?: string } }; source: unknown }[];
}

/**
 * Puts the exercise's reference solution into its cell, as a learner who
 * solved it would.
 *
 * @param notebook the notebook JSON (changed in place)
 * @param id the exercise id
 * @returns the notebook
 * @throws Error when no cell is marked with the exercise
 */
export async function solveExercise(notebook: NotebookJson, id: string): Promise<NotebookJson> {
  const cell = notebook.cells.find((c) => c.metadata.course?.exercise === id);
  if (!cell) throw new Error(`no cell is marked as exercise ${id}`);
  cell.source = await Deno.readTextFile(`${REPO_ROOT}/exercises/${id}/solution.ts`);
  return notebook;
}

/** Describes processes for an assertion message. */
export function describe(processes: { pid: number; command: string }[]): string {
  return processes.map((p) => `${p.pid} ${p.command}`).join("\n");
}
