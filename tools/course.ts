/**
 * `deno task course [--no-browser] [--port N]`: set up the Deno kernel and
 * Jupyter, then serve the notebooks until Ctrl-C.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops Jupyter, and Jupyter stops every kernel it
 * started, so nothing is left running.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ensureDenoKernel } from "./kernel/deno_kernel.ts";
import { ensureJupyter } from "./kernel/jupyter.ts";
import { startJupyter, stopOnSignals } from "./kernel/jupyter_server.ts";

/** Jupyter's usual port; Jupyter moves to the next free one when it is taken. */
export const DEFAULT_PORT = 8888;

/** The command line of `deno task course`. */
export interface CourseArgs {
  /** Open a browser tab (false with `--no-browser`). */
  openBrowser: boolean;
  /** The port to ask Jupyter for. */
  port: number;
}

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
    options: { "no-browser": { type: "boolean" }, port: { type: "string" } },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--port needs a port number, got ${values.port}`);
  }
  return { openBrowser: !values["no-browser"], port };
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
      `course: ${(e as Error).message}\nusage: deno task course [--no-browser] [--port N]`,
    );
    return 2;
  }
  await ensureJupyter();
  const kernel = await ensureDenoKernel();
  console.error(`course: the deno kernel runs ${kernel.denoPath}`);
  const notebookDir = new URL("../notebooks", import.meta.url).pathname;
  const server = await startJupyter({
    notebookDir,
    port: options.port,
    openBrowser: options.openBrowser,
    onLog: (line) => console.error(line),
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
