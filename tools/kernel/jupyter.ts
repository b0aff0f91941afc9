/**
 * `ensureJupyter()`: make sure `jupyter notebook` can run here, installing it
 * with apt where we are allowed to, and saying exactly how otherwise.
 *
 * @module
 */
import { ensureSystem, type EnsureSystemOptions, JUPYTER } from "../setup/system.ts";

/**
 * Asks `jupyter notebook --version`.
 *
 * @returns the version string, or null when `jupyter notebook` does not run
 */
export async function jupyterNotebookVersion(): Promise<string | null> {
  try {
    const { code, stdout } = await new Deno.Command("jupyter", {
      args: ["notebook", "--version"],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    return code === 0 ? new TextDecoder().decode(stdout).trim() : null;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Makes sure `jupyter notebook` runs (see `ensureSystem` for how it installs
 * or what it prints when it may not).
 *
 * @param options logging and whether installing is allowed
 * @returns the Notebook version
 * @example
 * ```ts
 * const version = await ensureJupyter();
 * console.log(`Jupyter Notebook ${version}`);
 * ```
 */
export async function ensureJupyter(options: EnsureSystemOptions = {}): Promise<string> {
  await ensureSystem([JUPYTER], options);
  const version = await jupyterNotebookVersion();
  if (!version) throw new Error("`jupyter notebook --version` fails although Jupyter is installed");
  return version;
}
