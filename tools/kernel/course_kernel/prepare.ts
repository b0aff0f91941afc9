/**
 * `prepareCourseKernel()`: everything Jupyter needs to start the course's
 * kernel: a Deno kernel binary that will still be there tomorrow, and the
 * course's kernel spec (the proxy in front of it) in `.course/jupyter`.
 * `deno task course` and the notebook runner both start here, so notebooks
 * run under the same kernel in tests as in a learner's browser.
 *
 * @module
 */
import { ensureDenoKernel } from "../deno_kernel.ts";
import { type CourseKernel, installCourseKernel } from "./install.ts";

/** The folder put first on `JUPYTER_PATH`: `<repo>/.course/jupyter`. */
export const COURSE_JUPYTER_DIR: string = new URL("../../../.course/jupyter", import.meta.url)
  .pathname;

/**
 * Installs (or repairs) the Deno kernel and writes the course's kernel spec.
 *
 * @param log where progress goes (default `console.error`)
 * @returns the spec, and the environment under which Jupyter finds it first
 * @example
 * ```ts
 * const { env } = await prepareCourseKernel();
 * // start `jupyter notebook` with env.JUPYTER_PATH set
 * ```
 */
export async function prepareCourseKernel(
  log: (line: string) => void = (line) => console.error(line),
): Promise<CourseKernel> {
  const kernel = await ensureDenoKernel({ log });
  return await installCourseKernel({
    jupyterDir: COURSE_JUPYTER_DIR,
    denoPath: kernel.denoPath,
    logosFrom: kernel.specDir,
  });
}
