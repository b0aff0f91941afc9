/**
 * Reads the cells the grader needs from an `.ipynb` file: the exercise cells
 * (marked `{"course": {"exercise": "<id>"}}` in their metadata) and cells by id.
 * Read only: the grader never writes to notebooks.
 *
 * @module
 */
import { z } from "zod";

/**
 * The parts of an nbformat 4 notebook the grader reads. Loose on purpose
 * (other keys pass through): a notebook Jupyter accepts must never be refused
 * here for a detail the grader does not use.
 */
export const GradedNotebookSchema = z.object({
  nbformat: z.literal(4),
  cells: z.array(
    z.object({
      cell_type: z.string(),
      id: z.string().optional(),
      metadata: z.record(z.string(), z.unknown()).default({}),
      source: z.union([z.string(), z.array(z.string())]),
    }),
  ),
});

/** A notebook as the grader reads it. */
export type GradedNotebook = z.infer<typeof GradedNotebookSchema>;

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
 * @throws Error with a one-line reason: missing file, not JSON, not an nbformat 4 notebook.
 */
export async function readGradedNotebook(path: string): Promise<GradedNotebook> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Error("the notebook file does not exist");
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the notebook is not valid JSON (${(error as Error).message})`);
  }
  const parsed = GradedNotebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `the file is not an nbformat 4 notebook (${issue.path.join(".")}: ${issue.message})`,
    );
  }
  return parsed.data;
}

function joinSource(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
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
    return [{ cellId: cell.id ?? `#${index}`, source: joinSource(cell.source) }];
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
  return cell && { cellId, source: joinSource(cell.source) };
}
