/**
 * `canaryNotebook()`: a notebook that is broken on purpose (a cell that
 * throws, a chart of zero size), so the e2e test can show that its checks
 * see what a learner would see go wrong.
 *
 * @module
 */
import { codeNotebook } from "../../tools/nb/code_notebook.ts";
import type { Notebook } from "../../tools/nb/notebook_schema.ts";

/** The file name the canary gets in the served copy. */
export const CANARY_NAME = "zz-canary.ipynb";

/** What `problemsIn` must report for the canary, one pattern per problem. */
export const CANARY_PROBLEMS: readonly RegExp[] = [
  /^cell 0 .*error output Error: canary boom/,
  /^cell 1 .*chart not visible \(0x0/,
];

/**
 * The canary: cell 0 throws, cell 1 displays an SVG with no size.
 *
 * @returns the nbformat 4 document
 */
export function canaryNotebook(): Notebook {
  const sources = [
    'throw new Error("canary boom");',
    'Deno.jupyter.display({\n  "image/svg+xml": \'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>\',\n  "text/plain": "an empty chart",\n}, { raw: true });',
  ];
  return codeNotebook(sources, "canary");
}
