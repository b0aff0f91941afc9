/**
 * Test helpers: build small notebooks in temporary folders.
 *
 * @module
 */
import type { Notebook } from "../../../tools/nb/notebook_schema.ts";

export { codeNotebook } from "../../../tools/nb/code_notebook.ts";

/**
 * Writes a notebook into a folder.
 *
 * @param dir the folder
 * @param name the file name
 * @param notebook the notebook
 * @returns the file's path
 */
export async function writeNotebook(
  dir: string,
  name: string,
  notebook: Notebook,
): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, JSON.stringify(notebook, null, 1) + "\n");
  return path;
}
