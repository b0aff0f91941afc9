/**
 * `deno task course [--no-browser] [--port N] [--notebook-dir DIR]`: set up
 * the Deno kernel and Jupyter, then serve the notebooks until Ctrl-C.
 *
 * Jupyter runs the course's `deno` kernel spec (`.course/jupyter`, found
 * through `JUPYTER_PATH`): Deno's kernel behind a proxy that keeps every
 * output in its own cell (tools/kernel/course_kernel/). The learner's global
 * Deno kernel spec is left as it is.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops Jupyter, and Jupyter stops every kernel it
 * started, so nothing is left running.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ensureJupyter } from "./kernel/jupyter.ts";
import { prepareCourseKernel } from "./kernel/course_kernel/prepare.ts";
import { startJupyter, stopOnSignals } from "./kernel/jupyter_server.ts";

/**
 * Lines of Jupyter's log that would only worry a learner: a notebook nobody
 * signed is "not trusted" (it only means its saved outputs are not run as
 * scripts until its cells are run here), the browser asks for a favicon the
 * classic Notebook does not serve, and Python's debugger support warns about
 * frozen modules at every kernel start. None of them affects the course.
 */
const HARMLESS: readonly RegExp[] = [
  /Notebook .* is not trusted/,
  /404 GET \/favicon\.ico/,
  /Debugger warning|frozen modules|frozen_modules=off|PYDEVD_DISABLE_FILE_VALIDATION/,
  /MissingIDFieldWarning|Cell is missing an id field/,
];

/**
 * Whether a line of Jupyter's log is one of the harmless ones the course hides.
 *
 * @param line one line of Jupyter's stderr
 * @returns true when `deno task course` should not print it
 * @example
 * ```ts
 * isHarmlessLogLine("[W 15:02:09.329 NotebookApp] Notebook 01-async-io.ipynb is not trusted"); // true
 * ```
 */
export function isHarmlessLogLine(line: string): boolean {
  return HARMLESS.some((pattern) => pattern.test(line));
}

/** Jupyter's usual port; Jupyter moves to the next free one when it is taken. */
export const DEFAULT_PORT = 8888;

/** The command line of `deno task course`. */
export interface CourseArgs {
  /** Open a browser tab (false with `--no-browser`). */
  openBrowser: boolean;
  /** The port to ask Jupyter for. */
  port: number;
  /** The folder Jupyter serves (default: the repo's notebooks/); the e2e test serves a copy. */
  notebookDir: string;
}

/** The repo's own notebooks. */
export const NOTEBOOK_DIR: string = new URL("../notebooks", import.meta.url).pathname;

/**
 * Parses `deno task course`'s arguments.
 *
 * @param args the arguments after `deno task course`
 * @returns the options
 * @throws Error on an unknown flag or a bad port
 */
export function parseCourseArgs(args: string[]): CourseArgs {
  const { values } = parseArgs({
    args,
    options: {
      "no-browser": { type: "boolean" },
      port: { type: "string" },
      "notebook-dir": { type: "string" },
    },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--port needs a port number, got ${values.port}`);
  }
  return {
    openBrowser: !values["no-browser"],
    port,
    notebookDir: values["notebook-dir"] ?? NOTEBOOK_DIR,
  };
}

/**
 * Runs the course until Jupyter stops or a stop signal arrives.
 *
 * @param args command-line arguments
 * @returns the exit code
 */
export async function main(args: string[]): Promise<number> {
  let options: CourseArgs;
  try {
    options = parseCourseArgs(args);
  } catch (e) {
    console.error(
      `course: ${
        (e as Error).message
      }\nusage: deno task course [--no-browser] [--port N] [--notebook-dir DIR]`,
    );
    return 2;
  }
  await ensureJupyter();
  const course = await prepareCourseKernel();
  console.error(`course: the kernel runs ${course.spec.argv.at(-3)} behind the course's proxy`);
  const server = await startJupyter({
    // Jupyter (and the kernels it starts) inherit this: our spec wins over the global one.
    env: course.env,
    notebookDir: options.notebookDir,
    port: options.port,
    openBrowser: options.openBrowser,
    onLog: (line) => isHarmlessLogLine(line) || console.error(line),
    ownProcessGroup: true,
  });
  const guard = stopOnSignals(
    server,
    () => console.error("\ncourse: stopping Jupyter and its kernels"),
  );
  console.log(`\ncourse: the notebooks are at ${server.browserUrl}`);
  console.log(`course: open 00-welcome.ipynb to begin; press Ctrl-C here to stop.\n`);
  const code = await server.exited;
  guard.dispose();
  console.error(`course: Jupyter has stopped`);
  return guard.signalled ? 0 : code;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
