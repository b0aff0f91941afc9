/**
 * `prepareCourseKernel()`: everything Jupyter needs to start the course's
 * kernel: a Deno kernel binary that will still be there tomorrow, and the
 * course's kernel spec (the proxy in front of it) in `.course/jupyter`.
 * `deno task course` and the notebook runner both start here, so notebooks
 * run under the same kernel in tests as in a learner's browser.
 *
 * @module
 */
import { prepareCourseStyle } from "../course_style.ts";
import { ensureDenoKernel } from "../deno_kernel.ts";
import { type CourseKernel, installCourseKernel } from "./install.ts";

/** The folder put first on `JUPYTER_PATH`: `<repo>/.course/jupyter`. */
export const COURSE_JUPYTER_DIR: string = new URL("../../../.course/jupyter", import.meta.url)
  .pathname;

/** What Jupyter needs to run the course: the kernel, and a config folder with the course's style. */
export type PreparedCourse = CourseKernel & {
  env: CourseKernel["env"] & { JUPYTER_CONFIG_DIR: string };
};

/**
 * Installs (or repairs) the Deno kernel, writes the course's kernel spec, and
 * puts the course's style sheet in a config folder of its own (course_style.ts).
 *
 * @param log where progress goes (default `console.error`)
 * @returns the spec, and the environment under which Jupyter finds it first
 *   and shows the course's style
 * @example
 * ```ts
 * const { env } = await prepareCourseKernel();
 * // start `jupyter notebook` with env.JUPYTER_PATH set
 * ```
 */
export async function prepareCourseKernel(
  log: (line: string) => void = (line) => console.error(line),
): Promise<PreparedCourse> {
  const kernel = await ensureDenoKernel({ log });
  const course = await installCourseKernel({
    jupyterDir: COURSE_JUPYTER_DIR,
    denoPath: kernel.denoPath,
    logosFrom: kernel.specDir,
  });
  const style = await prepareCourseStyle(`${COURSE_JUPYTER_DIR}/config`);
  return { ...course, env: { ...course.env, ...style } };
}
