/**
 * The environment of every learner's notebook server: the course kernel
 * (Deno's kernel behind the course proxy, as `deno task course` sets it up),
 * Deno's shared cache, and the classic Notebook as the server application.
 *
 * `deno run -A tools/hub/server_env.ts` sets the kernel up and prints that
 * environment as `NAME=value` lines (the Dockerfile runs it at build time).
 *
 * @module
 */
import { ensureDenoKernel } from "../kernel/deno_kernel.ts";
import { installCourseKernel } from "../kernel/course_kernel/install.ts";
import { RUN_TAG_VARIABLE } from "../setup/leftovers.ts";
import { REPO_ROOT } from "./class_dir.ts";

/** Deno's cache folder: every learner's kernel shares it (their HOME differs). */
async function denoDir(): Promise<string> {
  const set = Deno.env.get("DENO_DIR");
  if (set) return set;
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return JSON.parse(new TextDecoder().decode(stdout)).denoDir;
}

/**
 * Installs the course kernel spec in `.course/jupyter` and returns the
 * environment a learner's server needs to find and run it.
 *
 * @returns environment variables for `jupyterhub-singleuser`
 */
export async function learnerServerEnv(): Promise<Record<string, string>> {
  const kernel = await ensureDenoKernel();
  const course = await installCourseKernel({
    jupyterDir: `${REPO_ROOT}/.course/jupyter`,
    denoPath: kernel.denoPath,
    logosFrom: kernel.specDir,
  });
  // JupyterHub gives a learner's server only the variables it is told to; a
  // test run's tag must reach the servers and kernels so it can find leftovers.
  const tag = Deno.env.get(RUN_TAG_VARIABLE);
  return {
    ...(tag ? { [RUN_TAG_VARIABLE]: tag } : {}),
    JUPYTER_PATH: course.env.JUPYTER_PATH,
    DENO_DIR: await denoDir(),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    // The classic Notebook, as `deno task course` runs it (jupyter_server is not installed).
    JUPYTERHUB_SINGLEUSER_APP: "notebook.notebookapp.NotebookApp",
  };
}

if (import.meta.main) {
  for (const [name, value] of Object.entries(await learnerServerEnv())) {
    console.log(`${name}=${value}`);
  }
}
