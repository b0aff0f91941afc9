/**
 * `codeNotebook()`: a small Deno notebook made of code cells, for tests and probes.
 *
 * @module
 */
import { courseNotebookMetadata } from "../kernel/course_kernel/install.ts";
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
    // As the course kernel reports it, so that opening the notebook changes nothing.
    metadata: courseNotebookMetadata(),
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
