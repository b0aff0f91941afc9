/**
 * `installCourseKernel()`: the course's own `deno` kernel spec, a proxy in
 * front of Deno's kernel that keeps every output in its own cell (see
 * `proxy.py` for the bug it works around). It lives in a folder of the repo
 * that Jupyter finds through `JUPYTER_PATH`, so the learner's global Deno
 * kernel is left untouched.
 *
 * @module
 */

/** The kernel spec name: the one notebooks name in their metadata. */
export const COURSE_KERNEL_NAME = "deno";

/** What Jupyter shows in the kernel indicator. */
export const COURSE_KERNEL_DISPLAY_NAME = "Deno (course)";

/**
 * The metadata a notebook holds once the course kernel has opened it: the
 * kernel spec and the `language_info` of Deno's kernel_info_reply. Jupyter
 * compares both with what it stored and marks the notebook changed when
 * they differ, so the course's notebooks store exactly this.
 *
 * @param typescriptVersion the kernel's TypeScript version (the running Deno's by default)
 * @returns the notebook-level metadata
 * @example
 * ```ts
 * courseNotebookMetadata().kernelspec.display_name; // "Deno (course)"
 * ```
 */
export function courseNotebookMetadata(typescriptVersion: string = Deno.version.typescript) {
  return {
    kernelspec: {
      name: COURSE_KERNEL_NAME,
      display_name: COURSE_KERNEL_DISPLAY_NAME,
      language: "typescript",
    },
    language_info: {
      name: "typescript",
      version: typescriptVersion,
      mimetype: "text/x.typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      codemirror_mode: "typescript",
      nbconvert_exporter: "script",
    },
  };
}

/** The proxy script, next to this module. */
export const PROXY_PATH: string = new URL("./proxy.py", import.meta.url).pathname;

/** Options of {@link installCourseKernel}. */
export interface InstallCourseKernelOptions {
  /** The folder to put on `JUPYTER_PATH`, e.g. `<repo>/.course/jupyter`. */
  jupyterDir: string;
  /** The Deno binary the proxy starts (the global `deno` spec's argv[0]). */
  denoPath: string;
  /** A Python with jupyter_client and pyzmq (default: the one `jupyter` runs on). */
  python?: string;
  /** The global spec folder whose logos to reuse, if any. */
  logosFrom?: string;
}

/** What {@link installCourseKernel} wrote. */
export interface CourseKernel {
  /** The kernel spec folder. */
  specDir: string;
  /** The kernel.json it wrote. */
  spec: KernelSpec;
  /** The environment to give Jupyter so that it finds the spec first. */
  env: { JUPYTER_PATH: string };
}

/** The kernel.json fields the course writes. */
export interface KernelSpec {
  /** The command Jupyter runs, with `{connection_file}` filled in. */
  argv: string[];
  /** The name in the kernel indicator. */
  display_name: string;
  /** The notebook language. */
  language: string;
  /** Interrupts travel as `interrupt_request` messages, which the proxy forwards. */
  interrupt_mode: "message";
}

/**
 * The kernel spec for the proxy.
 *
 * @param python the Python interpreter that runs the proxy
 * @param denoPath the Deno binary the proxy starts
 * @returns the kernel.json content
 * @example
 * ```ts
 * courseKernelSpec("/usr/bin/python3", "/usr/bin/deno").argv[0]; // "/usr/bin/python3"
 * ```
 */
export function courseKernelSpec(python: string, denoPath: string): KernelSpec {
  return {
    argv: [python, PROXY_PATH, "--deno", denoPath, "--conn", "{connection_file}"],
    display_name: COURSE_KERNEL_DISPLAY_NAME,
    language: "typescript",
    // SIGINT does not stop a running cell in Deno's kernel; interrupt_request does.
    interrupt_mode: "message",
  };
}

/**
 * The Python that `jupyter` itself runs on, read from its `#!` line: it has
 * jupyter_client and pyzmq, which a `python3` earlier on PATH may lack.
 *
 * @param jupyter the `jupyter` launcher (default: found on PATH)
 * @returns an interpreter path, or `python3` when the launcher has no `#!`
 */
export async function jupyterPython(jupyter?: string): Promise<string> {
  const launcher = jupyter ?? await which("jupyter");
  if (!launcher) return "python3";
  const head = (await Deno.readTextFile(launcher)).split("\n", 1)[0];
  const match = head.match(/^#!\s*(\S+)(?:\s+(\S+))?/);
  if (!match) return "python3";
  // `#!/usr/bin/env python3` names the interpreter in its argument.
  return match[1].endsWith("/env") && match[2] ? match[2] : match[1];
}

async function which(name: string): Promise<string | null> {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (!dir) continue;
    try {
      const info = await Deno.stat(`${dir}/${name}`);
      if (info.isFile) return `${dir}/${name}`;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Writes `<jupyterDir>/kernels/deno/kernel.json` for the proxy (and the
 * global spec's logos, when given), and returns the `JUPYTER_PATH` that makes
 * Jupyter prefer it over the learner's own `deno` spec.
 *
 * @param options where to write and which binaries to run
 * @returns the spec and the environment for Jupyter
 * @example
 * ```ts
 * const { env } = await installCourseKernel({
 *   jupyterDir: ".course/jupyter",
 *   denoPath: Deno.execPath(),
 * });
 * // start `jupyter notebook` with env.JUPYTER_PATH set
 * ```
 */
export async function installCourseKernel(
  options: InstallCourseKernelOptions,
): Promise<CourseKernel> {
  await Deno.mkdir(options.jupyterDir, { recursive: true });
  const jupyterDir = await Deno.realPath(options.jupyterDir);
  const specDir = `${jupyterDir}/kernels/${COURSE_KERNEL_NAME}`;
  await Deno.mkdir(specDir, { recursive: true });
  const spec = courseKernelSpec(options.python ?? await jupyterPython(), options.denoPath);
  // Write then rename: a Jupyter starting at the same moment never reads half a file.
  const partial = `${specDir}/kernel.json.${crypto.randomUUID()}.partial`;
  await Deno.writeTextFile(partial, JSON.stringify(spec, null, 2) + "\n");
  await Deno.rename(partial, `${specDir}/kernel.json`);
  if (options.logosFrom) {
    for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
      try {
        await Deno.copyFile(`${options.logosFrom}/${logo}`, `${specDir}/${logo}`);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
  }
  // Jupyter searches JUPYTER_PATH before the user's data dir; keep any
  // entries the learner already has after ours.
  const existing = Deno.env.get("JUPYTER_PATH");
  const path = existing ? `${jupyterDir}:${existing}` : jupyterDir;
  return { specDir, spec, env: { JUPYTER_PATH: path } };
}
