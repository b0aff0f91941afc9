/**
 * Test helpers for a class on the hub: a throwaway class folder outside the
 * repository (the learners' kernels must find the course through the
 * generated deno.json alone), and a solved exercise for a learner's notebook.
 *
 * @module
 */
import { REPO_ROOT } from "../../tools/hub/class_dir.ts";

/** A fresh, empty class folder in the temp folder. */
export function makeClassDir(prefix: string): Promise<string> {
  return Deno.makeTempDir({ prefix: `course-${prefix}-` });
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
