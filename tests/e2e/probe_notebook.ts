/**
 * `probeNotebook()`: a notebook of cells that each print and return a value
 * naming their own cell, so that an output shown in the wrong cell is plain
 * to see (see `probeProblems` in expectations.ts).
 *
 * @module
 */

/** The file name the probe gets in the served copy (not one of the course's). */
export const PROBE_NAME = "zz-run-all-probe.ipynb";

/**
 * A Deno notebook of `cells` code cells; cell i prints `out-i` and returns
 * `"value-i"`.
 *
 * @param cells how many cells
 * @returns the nbformat 4 document
 */
export function probeNotebook(cells: number): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: Array.from({ length: cells }, (_, i) => ({
      id: `probe-${i}`,
      cell_type: "code",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: `console.log("out-${i}");\n"value-${i}"`,
    })),
  };
}
