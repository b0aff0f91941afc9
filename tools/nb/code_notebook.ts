/**
 * `codeNotebook()`: a small Deno notebook made of code cells, for tests and probes.
 *
 * @module
 */
import type { Notebook } from "./notebook_schema.ts";

/**
 * A notebook for kernelspec `deno` with one code cell per source, stored
 * without outputs, as the course stores its notebooks.
 *
 * @param sources The code cells' sources, in order.
 * @param idPrefix Cell ids are `<idPrefix>-<index>`.
 * @returns An nbformat 4.5 notebook.
 * @example
 * ```ts
 * import { codeNotebook } from "./code_notebook.ts";
 * const nb = codeNotebook(["1 + 1", 'console.log("hi")'], "probe");
 * console.log(nb.cells.map((c) => c.id)); // [ "probe-0", "probe-1" ]
 * ```
 */
export function codeNotebook(sources: readonly string[], idPrefix = "cell"): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      // deno fmt formats code cells only in notebooks that say their language.
      language_info: { name: "typescript", file_extension: ".ts" },
    },
    cells: sources.map((source, i) => ({
      id: `${idPrefix}-${i}`,
      cell_type: "code" as const,
      metadata: {},
      source,
      execution_count: null,
      outputs: [],
    })),
  };
}
