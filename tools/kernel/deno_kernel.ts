/**
 * `ensureDenoKernel()`: make sure Jupyter can start Deno's kernel, from a Deno
 * binary that will still be there tomorrow.
 *
 * @module
 */
import { z } from "zod";
import { isEphemeralDenoPath, kernelSpecDir, type PathEnv, stableDenoPath } from "./paths.ts";

/** The fields of a kernel.json that we rely on. */
const KernelJson = z.object({ argv: z.array(z.string()).min(1) }).loose();

/** Options of {@link ensureDenoKernel}; the defaults describe this process. */
export interface EnsureDenoKernelOptions {
  /** The Deno binary that runs this code (default `Deno.execPath()`). */
  execPath?: string;
  /** Its version (default `Deno.version.deno`). */
  version?: string;
  /** Environment used to find the data folders (default: the process's). */
  env?: PathEnv;
  /** Where progress is reported (default `console.error`). */
  log?: (line: string) => void;
}

/** What {@link ensureDenoKernel} found or did. */
export interface DenoKernelStatus {
  /** The kernel spec folder. */
  specDir: string;
  /** argv[0] of the kernel spec: the Deno binary Jupyter will start. */
  denoPath: string;
  /** True when the spec was (re)installed by this call. */
  installed: boolean;
}

/**
 * Reads argv[0] of an installed kernel spec.
 *
 * @param specDir the kernel spec folder
 * @returns the path, or null when there is no readable kernel.json
 */
export async function readKernelBinary(specDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${specDir}/kernel.json`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  const parsed = KernelJson.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data.argv[0] : null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && (info.mode === null || (info.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}

/**
 * Returns a Deno binary that no package manager will delete: the running one,
 * or a copy of it in the course's own folder when it sits in npx's cache.
 *
 * @param execPath the running binary
 * @param version its version, which names the copy's folder
 * @param env environment used to find the data folder
 * @returns an absolute path to an executable Deno
 */
export async function ensureStableDeno(
  execPath: string,
  version: string,
  env: PathEnv,
): Promise<string> {
  if (!isEphemeralDenoPath(execPath)) return execPath;
  const target = stableDenoPath(version, env);
  if (await isExecutableFile(target)) return target;
  const dir = target.slice(0, target.lastIndexOf("/"));
  await Deno.mkdir(dir, { recursive: true });
  // Copy then rename, so a half-written binary is never visible at `target`.
  const partial = `${target}.${crypto.randomUUID()}.partial`;
  await Deno.copyFile(execPath, partial);
  if (Deno.build.os !== "windows") await Deno.chmod(partial, 0o755);
  await Deno.rename(partial, target);
  return target;
}

/**
 * Makes sure Jupyter's `deno` kernel spec exists and points at a Deno binary
 * that exists and is not in a temporary cache; (re)installs it with
 * `deno jupyter --install --force` otherwise.
 *
 * @param options what to check, see {@link EnsureDenoKernelOptions}
 * @returns where the spec is and which binary it starts
 * @example
 * ```ts
 * const { denoPath } = await ensureDenoKernel();
 * console.log(`kernel runs ${denoPath}`);
 * ```
 */
export async function ensureDenoKernel(
  options: EnsureDenoKernelOptions = {},
): Promise<DenoKernelStatus> {
  const env = options.env ?? Deno.env.toObject();
  const log = options.log ?? ((line: string) => console.error(line));
  const specDir = kernelSpecDir("deno", env);
  const current = await readKernelBinary(specDir);
  if (current && !isEphemeralDenoPath(current) && await isExecutableFile(current)) {
    return { specDir, denoPath: current, installed: false };
  }
  const deno = await ensureStableDeno(
    options.execPath ?? Deno.execPath(),
    options.version ?? Deno.version.deno,
    env,
  );
  log(
    current
      ? `kernel: the deno kernel spec points at ${current}, which is gone or temporary; reinstalling`
      : `kernel: installing the deno kernel spec (${deno} jupyter --install)`,
  );
  const { code, stderr } = await new Deno.Command(deno, {
    args: ["jupyter", "--install", "--force"],
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `'${deno} jupyter --install' failed (exit ${code}): ${new TextDecoder().decode(stderr)}`,
    );
  }
  const installed = await readKernelBinary(specDir);
  if (!installed || !(await isExecutableFile(installed))) {
    throw new Error(`'deno jupyter --install' left no usable kernel.json in ${specDir}`);
  }
  return { specDir, denoPath: installed, installed: true };
}
