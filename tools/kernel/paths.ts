/**
 * Where things live on disk: Jupyter's per-user kernel folder and the
 * course-owned copy of the Deno binary.
 *
 * @module
 */

/** The environment variables the paths below depend on. */
export type PathEnv = Readonly<Record<string, string | undefined>>;

function home(env: PathEnv): string {
  const dir = env.HOME ?? env.USERPROFILE;
  if (!dir) throw new Error("neither HOME nor USERPROFILE is set: cannot find the user's data dir");
  return dir;
}

/**
 * The per-user data folder for applications (XDG on Linux, Library on macOS,
 * APPDATA on Windows).
 *
 * @param env environment to read (defaults to the process environment)
 * @param os operating system (defaults to this one)
 * @returns an absolute folder path
 */
export function userDataDir(
  env: PathEnv = Deno.env.toObject(),
  os: typeof Deno.build.os = Deno.build.os,
): string {
  if (os === "windows") {
    if (!env.APPDATA) throw new Error("APPDATA is not set");
    return env.APPDATA;
  }
  if (os === "darwin") return `${home(env)}/Library`;
  return env.XDG_DATA_HOME || `${home(env)}/.local/share`;
}

/**
 * The folder of a user-installed Jupyter kernel spec, the same one
 * `deno jupyter --install` writes to.
 *
 * @param name kernel spec name
 * @param env environment to read
 * @param os operating system
 * @returns e.g. `~/.local/share/jupyter/kernels/deno`
 * @example
 * ```ts
 * kernelSpecDir("deno", { HOME: "/home/ada" }, "linux");
 * // "/home/ada/.local/share/jupyter/kernels/deno"
 * ```
 */
export function kernelSpecDir(
  name = "deno",
  env: PathEnv = Deno.env.toObject(),
  os: typeof Deno.build.os = Deno.build.os,
): string {
  // Deno writes to ~/Library/Jupyter on macOS and %APPDATA%\jupyter on Windows.
  const jupyter = os === "darwin" ? "Jupyter" : "jupyter";
  return `${userDataDir(env, os)}/${jupyter}/kernels/${name}`;
}

/**
 * Where the course keeps its own copy of a Deno binary, outside any cache a
 * package manager may wipe.
 *
 * @param version Deno version, e.g. `2.9.6`
 * @param env environment to read
 * @param os operating system
 * @returns e.g. `~/.local/share/deno-async-course/deno-2.9.6/deno`
 */
export function stableDenoPath(
  version: string = Deno.version.deno,
  env: PathEnv = Deno.env.toObject(),
  os: typeof Deno.build.os = Deno.build.os,
): string {
  const exe = os === "windows" ? "deno.exe" : "deno";
  return `${userDataDir(env, os)}/deno-async-course/deno-${version}/${exe}`;
}

/**
 * Whether a Deno binary lives somewhere temporary: npx's cache (`_npx`) can be
 * emptied by npm at any time, which would leave a kernel spec pointing nowhere.
 *
 * @param path absolute path of a Deno binary
 * @returns true when the binary should be copied before a kernel spec uses it
 */
export function isEphemeralDenoPath(path: string): boolean {
  return path.split(/[\\/]/).includes("_npx");
}
