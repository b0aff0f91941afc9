/**
 * `prepareCourseStyle()`: the course's style sheet for classic Jupyter
 * Notebook. Notebook 6 serves `custom/custom.css` only from its config folder
 * (`JUPYTER_CONFIG_DIR`; its `static_custom_path` cannot be configured), so the
 * Jupyter that the course starts gets a config folder of its own under
 * `.course/jupyter/config`, holding a copy of `tools/kernel/custom/custom.css`.
 * Your own `~/.jupyter` settings do not apply to that server; system-wide ones
 * (`/etc/jupyter`, ...) still do.
 *
 * @module
 */

/** The style sheet kept in the repository. */
export const COURSE_CSS: URL = new URL("./custom/custom.css", import.meta.url);

/**
 * Copies the course's style sheet into `<configDir>/custom/custom.css`.
 *
 * @param configDir the config folder Jupyter will use
 * @returns the environment that makes Jupyter use it
 * @example
 * ```ts ignore
 * const env = await prepareCourseStyle(".course/jupyter/config");
 * // start `jupyter notebook` with env.JUPYTER_CONFIG_DIR set
 * ```
 */
export async function prepareCourseStyle(
  configDir: string,
): Promise<{ JUPYTER_CONFIG_DIR: string }> {
  await Deno.mkdir(`${configDir}/custom`, { recursive: true });
  await Deno.copyFile(COURSE_CSS, `${configDir}/custom/custom.css`);
  return { JUPYTER_CONFIG_DIR: configDir };
}
