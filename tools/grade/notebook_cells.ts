/**
 * Reads the cells the grader needs from an `.ipynb` file: the exercise cells
 * (marked `{"course": {"exercise": "<id>"}}` in their metadata) and cells by id.
 * Read only: the grader never writes to notebooks.
 *
 * @module
 */
import { z } from "zod";
import { joinText, type Notebook, parseNotebook } from "../nb/notebook_schema.ts";

/** A notebook as the grader reads it (the one nbformat schema, from tools/nb). */
export type GradedNotebook = Notebook;

/** The exercise mark in a cell's metadata. */
const ExerciseMarkSchema = z.object({ course: z.object({ exercise: z.string() }) });

/** A code cell's text and where it came from. */
export interface CellSource {
  /** The cell's id, or its position as `#<index>` when it has none. */
  cellId: string;
  /** The cell's source as one string. */
  source: string;
}

/**
 * Reads and validates a notebook file.
 *
 * @param path The `.ipynb` path.
 * @returns The notebook.
 * @throws Error with the reason: missing file, not JSON, not an nbformat 4 notebook.
 */
export async function readGradedNotebook(path: string): Promise<GradedNotebook> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Error("the notebook file does not exist");
    throw error;
  }
  // parseNotebook's message starts with the name; the report names the notebook already.
  try {
    return parseNotebook(text, "notebook");
  } catch (error) {
    const message = (error as Error).message.replace(/^notebook: /, "the notebook is ");
    throw new Error(message.replace(/\s*\n\s*/g, " "));
  }
}

/**
 * The code cells marked as exercise `id`.
 *
 * @param notebook The notebook.
 * @param id The exercise id.
 * @returns Every marked code cell (normally exactly one).
 */
export function exerciseCells(notebook: GradedNotebook, id: string): CellSource[] {
  return notebook.cells.flatMap((cell, index) => {
    const mark = ExerciseMarkSchema.safeParse(cell.metadata);
    if (cell.cell_type !== "code" || !mark.success || mark.data.course.exercise !== id) return [];
    return [{ cellId: cell.id ?? `#${index}`, source: joinText(cell.source) }];
  });
}

/**
 * A code cell by its id.
 *
 * @param notebook The notebook.
 * @param cellId The cell id.
 * @returns The cell, or `undefined` when no code cell has that id.
 */
export function cellById(notebook: GradedNotebook, cellId: string): CellSource | undefined {
  const cell = notebook.cells.find((c) => c.id === cellId && c.cell_type === "code");
  return cell && { cellId, source: joinText(cell.source) };
}
