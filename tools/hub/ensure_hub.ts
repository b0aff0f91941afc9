/**
 * `ensureHub()`: make sure Debian's `jupyterhub` and its
 * `configurable-http-proxy` are installed, installing them with apt when we
 * run as root on Debian (as `deno task course` does for Jupyter), and printing
 * the command otherwise.
 *
 * @module
 */
import { ensureJupyter } from "../kernel/jupyter.ts";

/** The Debian packages of JupyterHub and its proxy. */
export const HUB_DEBIAN_PACKAGES = ["jupyterhub", "node-configurable-http-proxy"];

/**
 * Asks dpkg whether a package is installed.
 *
 * @param name the Debian package
 * @returns true when `dpkg-query` reports it installed; false when not, or without dpkg
 */
export async function debianPackageInstalled(name: string): Promise<boolean> {
  try {
    const { code, stdout } = await new Deno.Command("dpkg-query", {
      args: ["-W", "-f=${Status}", name],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    return code === 0 && new TextDecoder().decode(stdout).trim() === "install ok installed";
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * The command that installs JupyterHub on Debian.
 *
 * @param root whether we run as root (no sudo needed)
 * @returns a shell command line
 * @example
 * ```ts
 * hubInstallCommand(false); // "sudo apt-get update && sudo apt-get install -y jupyterhub ..."
 * ```
 */
export function hubInstallCommand(root: boolean): string {
  const sudo = root ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${HUB_DEBIAN_PACKAGES.join(" ")}`;
}

async function apt(args: string[]): Promise<void> {
  const { code } = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error(`apt-get ${args.join(" ")} failed with exit code ${code}`);
}

async function missingPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const name of HUB_DEBIAN_PACKAGES) {
    if (!(await debianPackageInstalled(name))) missing.push(name);
  }
  return missing;
}

/**
 * Makes sure Jupyter Notebook (for the learners' servers), JupyterHub and
 * configurable-http-proxy are installed.
 *
 * @param log where progress and instructions go
 * @throws Error with the install command when they are missing and we may not install
 */
export async function ensureHub(log: (line: string) => void = console.error): Promise<void> {
  await ensureJupyter({ log });
  const missing = await missingPackages();
  if (missing.length === 0) return;
  let debian = false;
  try {
    debian = (await Deno.stat("/etc/debian_version")).isFile;
  } catch {
    // not Debian
  }
  const root = Deno.uid() === 0;
  const command = hubInstallCommand(root);
  log(
    `hub: ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not installed. Install with:`,
  );
  log(`  ${command}`);
  if (!(debian && root)) throw new Error(`JupyterHub is not installed; run: ${command}`);
  log("hub: running as root on Debian, so installing now");
  await apt(["update"]);
  await apt(["install", "-y", "--no-install-recommends", ...HUB_DEBIAN_PACKAGES]);
  const still = await missingPackages();
  if (still.length) throw new Error(`apt-get ran but ${still.join(", ")} is still not installed`);
}
