/**
 * `deno task nb <notebooks or folders...> [--out DIR] [--timeout SECONDS] [--rerun]`
 *
 * Executes each notebook top to bottom in a fresh Deno kernel (one Jupyter
 * server for the whole run), prints progress, and exits non-zero naming the
 * notebook and cell of any error. With `--rerun`, a notebook that ran cleanly
 * then runs every code cell a second time in the same kernel, as a learner
 * does who goes back over a chapter after its clean-up cell. With `--out`, writes the executed copies
 * there; the source notebooks are never written.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ensureJupyter } from "../kernel/jupyter.ts";
import { stopOnSignals } from "../kernel/jupyter_server.ts";
import { DEFAULT_CELL_TIMEOUT_MS, type ExecutedNotebook, NotebookRunner } from "./runner.ts";

const USAGE =
  "usage: deno task nb <notebook.ipynb | folder>... [--out DIR] [--timeout SECONDS] [--rerun]";

/** Parsed command line of the runner. */
export interface NbArgs {
  /** Notebook files and folders, as given. */
  inputs: string[];
  /** Where executed copies go, or null. */
  outDir: string | null;
  /** Per-cell time limit in ms. */
  cellTimeoutMs: number;
  /** Run every code cell a second time in the same kernel after a clean run. */
  rerun: boolean;
}

/**
 * Parses the runner's command line.
 *
 * @param args the arguments after `deno task nb`
 * @returns the inputs and options
 * @throws Error with the usage line when the arguments make no sense
 */
export function parseNbArgs(args: string[]): NbArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      timeout: { type: "string" },
      rerun: { type: "boolean" },
    },
  });
  if (positionals.length === 0) throw new Error(USAGE);
  const seconds = values.timeout === undefined
    ? DEFAULT_CELL_TIMEOUT_MS / 1000
    : Number(values.timeout);
  if (!(seconds > 0)) throw new Error(`--timeout must be a positive number of seconds\n${USAGE}`);
  return {
    inputs: positionals,
    outDir: values.out ?? null,
    cellTimeoutMs: seconds * 1000,
    rerun: values.rerun ?? false,
  };
}

/**
 * Expands folders into the notebooks they hold (sorted by name, not recursive).
 *
 * @param inputs notebook files and folders
 * @returns absolute notebook paths, in order
 */
export async function findNotebooks(inputs: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const input of inputs) {
    const path = await Deno.realPath(input);
    if ((await Deno.stat(path)).isDirectory) {
      const names: string[] = [];
      for await (const entry of Deno.readDir(path)) {
        if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
      }
      found.push(...names.sort().map((name) => `${path}/${name}`));
    } else {
      found.push(path);
    }
  }
  return found;
}

/**
 * The deepest folder that contains every given file.
 *
 * @param paths absolute file paths
 * @returns an absolute folder path
 */
export function commonFolder(paths: string[]): string {
  const split = paths.map((p) => p.split("/").slice(0, -1));
  const first = split[0];
  let depth = 0;
  while (depth < first.length && split.every((parts) => parts[depth] === first[depth])) depth++;
  return first.slice(0, depth).join("/") || "/";
}

/** A path as people like to read it: relative to the current folder when inside it. */
function shown(path: string): string {
  const cwd = `${Deno.cwd()}/`;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

function outputCount(result: ExecutedNotebook): number {
  return result.cells.reduce((sum, cell) => sum + cell.outputs.length, 0);
}

async function writeCopy(outDir: string, source: string, result: ExecutedNotebook): Promise<void> {
  const target = `${await Deno.realPath(outDir)}/${source.slice(source.lastIndexOf("/") + 1)}`;
  if (target === source) throw new Error(`--out would overwrite the source notebook ${source}`);
  // Indent 1 and a final newline, as Jupyter itself writes notebooks.
  await Deno.writeTextFile(target, JSON.stringify(result.notebook, null, 1) + "\n");
}

/** Runs each notebook in turn, printing progress and collecting failure messages. */
async function runAll(
  runner: NotebookRunner,
  notebooks: string[],
  options: NbArgs,
  failures: string[],
): Promise<void> {
  for (const path of notebooks) {
    let result: ExecutedNotebook;
    try {
      result = await runner.execute(shown(path), {
        cellTimeoutMs: options.cellTimeoutMs,
        rerun: options.rerun,
      });
    } catch (e) {
      // An unreadable or invalid notebook: report it and go on with the others.
      const message = (e as Error).message;
      console.error(`nb: FAIL ${message}`);
      failures.push(message);
      continue;
    }
    const run = result.cells.filter((c) => c.executionCount !== null).length;
    console.log(
      `nb: ${result.failure ? "FAIL" : "ok  "} ${
        shown(path)
      }: ${run}/${result.cells.length} code cells ` +
        `run, ${outputCount(result)} outputs, ${result.seconds.toFixed(1)} s`,
    );
    if (options.outDir !== null) await writeCopy(options.outDir, path, result);
    if (result.failure) {
      console.error(`nb: ${result.failure.message}`);
      failures.push(result.failure.message);
    }
  }
}

/**
 * Runs the CLI.
 *
 * @param args command-line arguments
 * @returns the process exit code: 0 all clean, 1 a notebook failed, 2 bad usage
 */
export async function main(args: string[]): Promise<number> {
  let options: NbArgs;
  let notebooks: string[];
  try {
    options = parseNbArgs(args);
    notebooks = await findNotebooks(options.inputs);
  } catch (e) {
    console.error(`nb: ${(e as Error).message}`);
    return 2;
  }
  if (notebooks.length === 0) {
    console.error(`nb: no notebooks found in ${options.inputs.join(" ")}`);
    return 2;
  }
  const names = notebooks.map((p) => p.slice(p.lastIndexOf("/") + 1));
  if (options.outDir !== null) {
    if (new Set(names).size !== names.length) {
      console.error("nb: two notebooks share a file name, so --out cannot hold both");
      return 2;
    }
    await Deno.mkdir(options.outDir, { recursive: true });
  }
  await ensureJupyter();
  const failures: string[] = [];
  const started = performance.now();
  {
    await using runner = await NotebookRunner.start({
      rootDir: commonFolder(notebooks),
      ownProcessGroup: true,
    });
    // Ctrl-C or SIGTERM: stop Jupyter and its kernels, then leave.
    const guard = stopOnSignals(runner.server, () => console.error("nb: stopping"));
    guard.stopped.then(() => Deno.exit(130));
    try {
      await runAll(runner, notebooks, options, failures);
    } finally {
      guard.dispose();
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `nb: ${notebooks.length - failures.length} of ${notebooks.length} notebooks ran cleanly ` +
      `in ${seconds} s`,
  );
  for (const message of failures) console.error(`nb: ${message}`);
  return failures.length > 0 ? 1 : 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
