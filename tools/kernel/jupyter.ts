/**
 * `ensureJupyter()`: make sure `jupyter notebook` can run here, installing it
 * with apt where we are allowed to, and saying exactly how otherwise.
 *
 * @module
 */

/** The Debian packages the course needs: the classic Notebook and nbclient. */
export const DEBIAN_PACKAGES = ["jupyter-notebook", "python3-nbclient", "jupyter-nbconvert"];

/** Options of {@link ensureJupyter}. */
export interface EnsureJupyterOptions {
  /** Where progress and instructions go (default `console.error`). */
  log?: (line: string) => void;
  /** Allow installing with apt when running as root on Debian (default true). */
  allowInstall?: boolean;
}

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

async function isDebianLike(): Promise<boolean> {
  try {
    await Deno.stat("/etc/debian_version");
    return true;
  } catch {
    return false;
  }
}

/**
 * The command that installs Jupyter on this kind of system.
 *
 * @param debian whether this is Debian or a derivative (Ubuntu, ...)
 * @param root whether we run as root (no sudo needed)
 * @returns a shell command line
 */
export function jupyterInstallCommand(debian: boolean, root: boolean): string {
  if (debian) {
    const sudo = root ? "" : "sudo ";
    return `${sudo}apt-get update && ${sudo}apt-get install -y ${DEBIAN_PACKAGES.join(" ")}`;
  }
  return `python3 -m pip install --user "notebook<7" nbclient nbconvert`;
}

async function run(cmd: string, args: string[]): Promise<void> {
  const { code } = await new Deno.Command(cmd, {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${code}`);
}

/**
 * Makes sure `jupyter notebook` runs. When it does not: as root on Debian, it
 * installs the packages with apt (after `apt-get update`); anywhere else it
 * prints the install command for this system and throws.
 *
 * @param options logging and whether installing is allowed
 * @returns the Notebook version
 * @example
 * ```ts
 * const version = await ensureJupyter();
 * console.log(`Jupyter Notebook ${version}`);
 * ```
 */
export async function ensureJupyter(options: EnsureJupyterOptions = {}): Promise<string> {
  const log = options.log ?? ((line: string) => console.error(line));
  const found = await jupyterNotebookVersion();
  if (found) return found;
  const debian = Deno.build.os === "linux" && await isDebianLike();
  const root = Deno.uid() === 0;
  const command = jupyterInstallCommand(debian, root);
  log("jupyter: `jupyter notebook` was not found. Install it with:");
  log(`  ${command}`);
  if (!(debian && root && (options.allowInstall ?? true))) {
    throw new Error(`Jupyter Notebook is not installed; run: ${command}`);
  }
  log("jupyter: running as root on Debian, so installing it now");
  await run("apt-get", ["update"]);
  await run("apt-get", ["install", "-y", "--no-install-recommends", ...DEBIAN_PACKAGES]);
  const installed = await jupyterNotebookVersion();
  if (!installed) throw new Error("apt-get installed Jupyter but `jupyter notebook` still fails");
  return installed;
}
