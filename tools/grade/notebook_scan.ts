/**
 * A look at every notebook in the notebooks folder: which cannot be read
 * (reported by name, whether or not they hold exercises), and which are copies
 * of a chapter ("Make a Copy": `01-async-io-Copy1.ipynb`) holding exercise cells.
 *
 * @module
 */
import { join } from "node:path";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import { markedExercises, readGradedNotebook } from "./notebook_cells.ts";

/** What the scan found. */
export interface NotebookScan {
  /** Notebooks that cannot be read, with the reason: `x.ipynb: the notebook is not valid JSON`. */
  unreadable: string[];
  /** Notebooks that hold exercise cells of other notebooks, with those exercise ids. */
  copies: { name: string; ids: string[] }[];
}

/**
 * Reads every `.ipynb` file of a folder (not recursively).
 *
 * @param dir The notebooks folder.
 * @param manifests Every exercise of the course.
 * @returns Unreadable notebooks and copies, by file name, sorted.
 */
export async function scanNotebooks(
  dir: string,
  manifests: readonly ExerciseManifest[],
): Promise<NotebookScan> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
  }
  names.sort();
  const home = new Map(manifests.map((m) => [m.id, m.notebook]));
  const scan: NotebookScan = { unreadable: [], copies: [] };
  for (const name of names) {
    try {
      const notebook = await readGradedNotebook(join(dir, name));
      const ids = markedExercises(notebook).filter((id) => home.has(id) && home.get(id) !== name);
      if (ids.length > 0) scan.copies.push({ name, ids });
    } catch (error) {
      scan.unreadable.push(`${name}: ${(error as Error).message}`);
    }
  }
  return scan;
}
