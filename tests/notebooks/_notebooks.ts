/**
 * The course's notebooks as the tests see them: parsed and validated, in order.
 *
 * @module
 */
import { joinText, type Notebook, parseNotebook } from "../../tools/nb/notebook_schema.ts";

/** The folder that holds the course's notebooks. */
export const NOTEBOOKS_DIR = new URL("../../notebooks/", import.meta.url);

/** A notebook of the course with its file name. */
export interface CourseNotebook {
  /** File name, e.g. `00-welcome.ipynb`. */
  name: string;
  /** The parsed notebook. */
  notebook: Notebook;
}

/**
 * Reads every notebook in `notebooks/`, sorted by file name.
 *
 * @returns The notebooks, validated against the nbformat schema.
 */
export async function courseNotebooks(): Promise<CourseNotebook[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(NOTEBOOKS_DIR)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
  }
  names.sort();
  return await Promise.all(names.map(async (name) => ({
    name,
    notebook: parseNotebook(await Deno.readTextFile(new URL(name, NOTEBOOKS_DIR)), name),
  })));
}

/**
 * The concept numbers a cell claims in its metadata (`"course": {"concepts": [...]}`).
 *
 * @param metadata The cell's metadata.
 * @returns The numbers, empty when the cell claims none.
 */
export function conceptsOf(metadata: Record<string, unknown>): number[] {
  const course = metadata.course as { concepts?: unknown } | undefined;
  const concepts = course?.concepts;
  return Array.isArray(concepts) ? concepts.filter((n): n is number => typeof n === "number") : [];
}

export { joinText };
