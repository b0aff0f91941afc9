/**
 * Test helpers: build small notebooks in temporary folders.
 *
 * @module
 */
import type { Notebook } from "../../../tools/nb/notebook_schema.ts";

/**
 * A notebook for kernelspec `deno` with one code cell per source.
 *
 * @param sources the code cells' sources, in order
 * @returns an nbformat 4.5 notebook without outputs
 */
export function codeNotebook(sources: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: sources.map((source, i) => ({
      id: `cell-${i}`,
      cell_type: "code" as const,
      metadata: {},
      source,
      execution_count: null,
      outputs: [],
    })),
  };
}

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
