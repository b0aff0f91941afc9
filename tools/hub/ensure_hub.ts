/**
 * `ensureHub()`: make sure Debian's `jupyterhub` and its
 * `configurable-http-proxy` are installed (asking dpkg first), with Jupyter
 * Notebook for the learners' servers: installed with apt when we run as root
 * on Debian, as `deno task test` installs what it needs, and otherwise named
 * with the exact command.
 *
 * @module
 */
import { ensureSystem, JUPYTER, type SystemRequirement } from "../setup/system.ts";

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

async function runs(command: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      // Debian's proxy finds its modules there only with Debian's own node.
      env: { NODE_PATH: "/usr/share/nodejs" },
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

/** JupyterHub and the proxy in front of it, from Debian. */
export const JUPYTERHUB: SystemRequirement = {
  name: "JupyterHub",
  debianPackages: ["jupyterhub", "node-configurable-http-proxy"],
  otherwise: "python3 -m pip install jupyterhub && npm install -g configurable-http-proxy",
  // dpkg first; a hub installed some other way (pip, npm) counts when both commands run.
  present: async () =>
    (await debianPackageInstalled("jupyterhub") &&
      await debianPackageInstalled("node-configurable-http-proxy")) ||
    (await runs("jupyterhub", ["--version"]) &&
      await runs("configurable-http-proxy", ["--version"])),
};

/**
 * Makes sure Jupyter Notebook and JupyterHub (with its proxy) are installed.
 *
 * @param log where progress and instructions go
 * @throws MissingSystemPackages with the install command when they are missing and we may not install
 */
export async function ensureHub(log: (line: string) => void = console.error): Promise<void> {
  await ensureSystem([JUPYTER, JUPYTERHUB], { log });
}
