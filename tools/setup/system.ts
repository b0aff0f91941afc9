/**
 * `ensureSystem()`: make sure the programs the course needs from the system
 * (Jupyter, Chromium, nc) are there. As root on Debian or Ubuntu it installs
 * what is missing with one `apt-get install`; anywhere else it prints the
 * exact command and stops at once, before any test has started.
 *
 * @module
 */

/** One thing the course needs from the operating system. */
export interface SystemRequirement {
  /** What it is, as a learner would call it. */
  name: string;
  /** The Debian packages that provide it. */
  debianPackages: readonly string[];
  /** The install command for systems without apt (one line), if there is a usual one. */
  otherwise: string;
  /** Whether it is usable here now. */
  present(): Promise<boolean>;
}

async function runs(cmd: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(cmd, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied) {
      return false;
    }
    throw e;
  }
}

/** The classic Notebook, nbclient and nbconvert: `deno task course` and the notebook runner. */
export const JUPYTER: SystemRequirement = {
  name: "Jupyter Notebook",
  debianPackages: ["jupyter-notebook", "python3-nbclient", "jupyter-nbconvert"],
  otherwise: `python3 -m pip install --user "notebook<7" nbclient nbconvert`,
  present: () => runs("jupyter", ["notebook", "--version"]),
};

/** Where the browser test expects Chromium (Debian's package puts it here). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Headless Chromium for the browser test (playwright-core drives it; no browser download). */
export const CHROMIUM: SystemRequirement = {
  name: "Chromium",
  // The fonts make the screenshots readable; Chromium runs without them.
  debianPackages: ["chromium", "fonts-dejavu-core"],
  otherwise: `install Chromium so that ${CHROMIUM_PATH} exists`,
  present: () => runs(CHROMIUM_PATH, ["--version"]),
};

/** netcat: the echo server's test talks to it as a learner would. */
export const NETCAT: SystemRequirement = {
  name: "nc (netcat)",
  debianPackages: ["netcat-openbsd"],
  otherwise: "install netcat (the OpenBSD variant) so that `nc` is on PATH",
  present: () => runs("sh", ["-c", "command -v nc"]),
};

/** Whether this is Debian or a derivative (Ubuntu, ...), where apt installs the packages. */
export async function isDebianLike(): Promise<boolean> {
  if (Deno.build.os !== "linux") return false;
  try {
    await Deno.stat("/etc/debian_version");
    return true;
  } catch {
    return false;
  }
}

/**
 * The command that installs the given requirements.
 *
 * @param missing what is missing
 * @param debian whether apt is the way (Debian, Ubuntu)
 * @param root whether we run as root (no sudo needed)
 * @returns one shell command line
 * @example
 * ```ts
 * installCommand([NETCAT], true, false);
 * // "sudo apt-get update && sudo apt-get install -y netcat-openbsd"
 * ```
 */
export function installCommand(
  missing: readonly SystemRequirement[],
  debian: boolean,
  root: boolean,
): string {
  if (!debian) return missing.map((r) => r.otherwise).join("; ");
  const sudo = root ? "" : "sudo ";
  const packages = missing.flatMap((r) => r.debianPackages).join(" ");
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages}`;
}

/** Options of {@link ensureSystem}. */
export interface EnsureSystemOptions {
  /** Where progress and instructions go (default `console.error`). */
  log?: (line: string) => void;
  /** Allow installing with apt when running as root on Debian (default true). */
  allowInstall?: boolean;
  /** Whether this is Debian-like (default: asks the system); for tests. */
  debian?: boolean;
  /** Whether we run as root (default: asks the system); for tests. */
  root?: boolean;
}

/** Thrown when something is missing and cannot be installed here; the message says how. */
export class MissingSystemPackages extends Error {
  /** The command that would install what is missing. */
  readonly command: string;
  /**
   * @param missing what is missing
   * @param command how to install it
   */
  constructor(missing: readonly SystemRequirement[], command: string) {
    super(`${missing.map((r) => r.name).join(", ")} missing; install with:\n  ${command}`);
    this.name = "MissingSystemPackages";
    this.command = command;
  }
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

/**
 * Makes sure every requirement is present: installs the missing ones with one
 * `apt-get install` as root on Debian, and otherwise throws
 * {@link MissingSystemPackages} after logging the exact command.
 *
 * @param requirements what the caller needs
 * @param options logging, and whether installing is allowed
 * @returns the requirements that were installed by this call
 * @example
 * ```ts
 * await ensureSystem([JUPYTER, NETCAT]);
 * ```
 */
export async function ensureSystem(
  requirements: readonly SystemRequirement[],
  options: EnsureSystemOptions = {},
): Promise<SystemRequirement[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const missing: SystemRequirement[] = [];
  for (const r of requirements) if (!(await r.present())) missing.push(r);
  if (missing.length === 0) return [];
  const debian = options.debian ?? await isDebianLike();
  const root = options.root ?? Deno.uid() === 0;
  const command = installCommand(missing, debian, root);
  if (!(debian && root && (options.allowInstall ?? true))) {
    log(`setup: ${missing.map((r) => r.name).join(", ")} not found. Install with:`);
    log(`  ${command}`);
    throw new MissingSystemPackages(missing, command);
  }
  log(`setup: installing ${missing.map((r) => r.name).join(", ")} with apt (running as root)`);
  await apt(["update", "-q"]);
  await apt(["install", "-y", "-q", ...missing.flatMap((r) => r.debianPackages)]);
  const still = [];
  for (const r of missing) if (!(await r.present())) still.push(r.name);
  if (still.length > 0) {
    throw new Error(`apt-get installed packages, but ${still.join(", ")} still fails`);
  }
  return missing;
}
