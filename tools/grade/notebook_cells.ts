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
  /** The cell's position in the notebook, 0-based (every cell counts). */
  index?: number;
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
    return [{ cellId: cell.id ?? `#${index}`, source: joinText(cell.source), index }];
  });
}

/**
 * The ids of every exercise marked in a notebook.
 *
 * @param notebook The notebook.
 * @returns Exercise ids, in cell order.
 */
export function markedExercises(notebook: GradedNotebook): string[] {
  return notebook.cells.flatMap((cell) => {
    const mark = ExerciseMarkSchema.safeParse(cell.metadata);
    return cell.cell_type === "code" && mark.success ? [mark.data.course.exercise] : [];
  });
}

/**
 * The last code cell before `beforeIndex` that declares `name` at its top
 * level (`const`, `let`, `var`, `function`, `class`, or an import).
 *
 * @param notebook The notebook.
 * @param name The identifier.
 * @param beforeIndex Look only at cells before this position.
 * @returns The cell's number, 1-based, counting every cell; `null` when none does.
 *
 * @example
 * ```ts
 * import { definingCell } from "./notebook_cells.ts";
 * const nb = { cells: [
 *   { cell_type: "markdown", source: "# x", metadata: {} },
 *   { cell_type: "code", source: "const urls = [];", metadata: {}, outputs: [], execution_count: null },
 * ] } as never;
 * console.log(definingCell(nb, "urls", 5)); // 2
 * ```
 */
export function definingCell(
  notebook: GradedNotebook,
  name: string,
  beforeIndex: number,
): number | null {
  const n = name.replace(/[$]/g, "\\$&");
  const declares = new RegExp(
    `(?:^|[\\s;])(?:(?:const|let|var)\\s+(?:[\\[{][^=]*\\b${n}\\b[^=]*[\\]}]|${n}\\b)|` +
      `(?:async\\s+)?function\\s*\\*?\\s*${n}\\b|class\\s+${n}\\b|` +
      `import\\s[^;]*\\b${n}\\b[^;]*\\sfrom\\s)`,
    "m",
  );
  for (let i = Math.min(beforeIndex, notebook.cells.length) - 1; i >= 0; i--) {
    const cell = notebook.cells[i];
    if (cell.cell_type === "code" && declares.test(joinText(cell.source))) return i + 1;
  }
  return null;
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
