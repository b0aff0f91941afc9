/**
 * `probeNotebook()`: a notebook of cells that each print and return a value
 * naming their own cell, so that an output shown in the wrong cell is plain
 * to see (see `probeProblems` in expectations.ts).
 *
 * @module
 */
import { codeNotebook } from "../../tools/nb/code_notebook.ts";
import type { Notebook } from "../../tools/nb/notebook_schema.ts";

/** The file name the probe gets in the served copy (not one of the course's). */
export const PROBE_NAME = "zz-run-all-probe.ipynb";

/**
 * A Deno notebook of `cells` code cells; cell i prints `out-i` and returns
 * `"value-i"`.
 *
 * @param cells how many cells
 * @returns the nbformat 4 document
 */
export function probeNotebook(cells: number): Notebook {
  return codeNotebook(
    Array.from({ length: cells }, (_, i) => `console.log("out-${i}");\n"value-${i}"`),
    "probe",
  );
}
