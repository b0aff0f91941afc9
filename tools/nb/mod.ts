/**
 * The notebook runner as a library: run notebooks through real Deno kernels
 * and get their outputs back, for tests, the grader and the browser test.
 *
 * @example
 * ```ts
 * import { executeNotebook } from "./mod.ts";
 * const { cells, failure } = await executeNotebook("notebooks/00-welcome.ipynb");
 * ```
 *
 * @module
 */
export * from "./runner.ts";
export * from "./notebook_schema.ts";
export { type CellExecution, CellExecutor, CellInterruptedError } from "./cell_executor.ts";
export { type IopubContent, OUTPUT_MESSAGE_TYPES, OutputRecorder } from "./output_recorder.ts";
export type { JupyterServer } from "../kernel/jupyter_server.ts";
export { stripAnsi } from "./ansi.ts";
