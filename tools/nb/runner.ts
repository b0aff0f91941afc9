/**
 * The notebook runner's programmatic API: `NotebookRunner` (one Jupyter server,
 * many notebooks, a fresh kernel each) and `executeNotebook()` for one notebook.
 *
 * @module
 */
import { KernelConnection, ServerConnection, SessionAPI } from "@jupyterlab/services";
import { prepareCourseKernel } from "../kernel/course_kernel/prepare.ts";
import { type JupyterServer, startJupyter } from "../kernel/jupyter_server.ts";
import { stripAnsi } from "./ansi.ts";
import { CellExecutor, CellInterruptedError } from "./cell_executor.ts";
import {
  type CodeCell,
  joinText,
  type Notebook,
  type Output,
  parseNotebook,
} from "./notebook_schema.ts";

/** The per-cell time limit when none is given: generous, for slow first imports. */
export const DEFAULT_CELL_TIMEOUT_MS = 120_000;

/** Where and why a notebook stopped. */
export interface CellFailure {
  /** 1-based position of the cell among all cells (markdown included). */
  cellNumber: number;
  /** 1-based position among code cells. */
  codeCellNumber: number;
  /** First line of the cell's source. */
  firstLine: string;
  /** Error name: the kernel's `ename`, or `Timeout` / `KernelDied`. */
  ename: string;
  /** Error message, ANSI codes removed. */
  evalue: string;
  /** One line for people: notebook, cell, error. */
  message: string;
  /** 1 for the run top to bottom, 2 for the second run of every cell in the same kernel. */
  pass: 1 | 2;
}

/** One code cell after execution. */
export interface ExecutedCell {
  /** 1-based position among all cells. */
  cellNumber: number;
  /** 1-based position among code cells. */
  codeCellNumber: number;
  /** The cell's source. */
  source: string;
  /** The kernel's execution count, null when the cell was not run. */
  executionCount: number | null;
  /** Outputs exactly as the kernel sent them. */
  outputs: Output[];
}

/** The result of running one notebook. */
export interface ExecutedNotebook {
  /** The notebook's path, as given. */
  path: string;
  /** A copy of the notebook with outputs and execution counts filled in. */
  notebook: Notebook;
  /** Every code cell, in order (cells after a failure have no outputs). */
  cells: ExecutedCell[];
  /** The first failing cell, or null when every cell ran cleanly. */
  failure: CellFailure | null;
  /** Wall time from kernel start to shutdown, in seconds. */
  seconds: number;
}

/** Options for running a notebook. */
export interface ExecuteOptions {
  /** Per-cell time limit in ms (default {@link DEFAULT_CELL_TIMEOUT_MS}). */
  cellTimeoutMs?: number;
  /** Kernel spec to use (default `deno`). */
  kernelName?: string;
  /**
   * After a clean run, run every code cell a second time in the same kernel,
   * as a learner does who goes back over a chapter after its clean-up cell
   * (default false). The executed copy keeps the first run's outputs.
   */
  rerun?: boolean;
}

/** Options of {@link NotebookRunner.start}. */
export interface RunnerOptions {
  /** Folder the Jupyter server serves; every notebook run must be inside it. */
  rootDir: string;
  /** Install or repair the Deno kernel and the course's kernel spec first (default true). */
  ensureKernel?: boolean;
  /** Receives Jupyter's own log lines (default: dropped). */
  onServerLog?: (line: string) => void;
  /**
   * Run Jupyter in its own process group (default false); then stopping it on
   * Ctrl-C is the caller's job (see `stopOnSignals`).
   */
  ownProcessGroup?: boolean;
}

function absolute(path: string): string {
  const abs = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  // Normalise `.` and `..` segments, so relative paths compare correctly.
  const parts: string[] = [];
  for (const part of abs.split("/")) {
    if (part === "..") parts.pop();
    else if (part && part !== ".") parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function failureOf(
  path: string,
  cell: ExecutedCell,
  ename: string,
  evalue: string,
  pass: 1 | 2,
): CellFailure {
  const firstLine = cell.source.split("\n")[0];
  const clean = stripAnsi(evalue);
  return {
    cellNumber: cell.cellNumber,
    codeCellNumber: cell.codeCellNumber,
    firstLine,
    ename,
    evalue: clean,
    pass,
    message: `${path}: cell ${cell.cellNumber} (code cell ${cell.codeCellNumber}, ` +
      `starting ${JSON.stringify(firstLine)}) failed` +
      `${pass === 2 ? " when every cell ran a second time in the same kernel" : ""}: ` +
      `${ename}: ${clean}`,
  };
}

/**
 * Runs notebooks through real Jupyter kernels: one Jupyter server for the
 * runner's lifetime, a fresh kernel per notebook, started in the notebook's
 * folder.
 *
 * @example
 * ```ts
 * await using runner = await NotebookRunner.start({ rootDir: "notebooks" });
 * const result = await runner.execute("notebooks/00-welcome.ipynb");
 * if (result.failure) console.error(result.failure.message);
 * ```
 */
export class NotebookRunner {
  readonly #server: JupyterServer;
  readonly #settings: ServerConnection.ISettings;
  readonly #rootDir: string;

  private constructor(server: JupyterServer, rootDir: string) {
    this.#server = server;
    this.#rootDir = rootDir;
    this.#settings = ServerConnection.makeSettings({
      baseUrl: server.baseUrl,
      wsUrl: server.baseUrl.replace(/^http/, "ws"),
      token: server.token,
      appendToken: true,
      WebSocket: globalThis.WebSocket,
      fetch: globalThis.fetch.bind(globalThis),
    });
  }

  /**
   * Makes sure the kernel spec exists, then starts a Jupyter server.
   *
   * @param options root folder, kernel check, server log
   * @returns a runner; `close()` it (or `await using` it) when done
   */
  static async start(options: RunnerOptions): Promise<NotebookRunner> {
    // The course's kernel, as a learner runs it: Deno's kernel behind the proxy.
    const course = options.ensureKernel ?? true ? await prepareCourseKernel() : null;
    const rootDir = absolute(options.rootDir);
    const server = await startJupyter({
      notebookDir: rootDir,
      env: course?.env,
      onLog: options.onServerLog,
      ownProcessGroup: options.ownProcessGroup,
    });
    return new NotebookRunner(server, rootDir);
  }

  /** The Jupyter server this runner uses. */
  get server(): JupyterServer {
    return this.#server;
  }

  /**
   * Runs every code cell of a notebook, top to bottom, in a fresh kernel whose
   * working directory is the notebook's folder. Stops at the first cell that
   * produces an error output, times out or kills the kernel. The source file
   * is only read.
   *
   * @param path the notebook's path (inside the runner's root folder)
   * @param options time limit and kernel name
   * @returns the executed copy, its cells, and the failure if any
   */
  async execute(path: string, options: ExecuteOptions = {}): Promise<ExecutedNotebook> {
    const started = performance.now();
    const abs = absolute(path);
    if (!abs.startsWith(`${this.#rootDir}/`)) {
      throw new Error(`${path} is outside the runner's folder ${this.#rootDir}`);
    }
    const source = parseNotebook(await Deno.readTextFile(abs), path);
    const notebook: Notebook = structuredClone(source);
    const session = await SessionAPI.startSession({
      path: abs.slice(this.#rootDir.length + 1),
      type: "notebook",
      name: abs.slice(abs.lastIndexOf("/") + 1),
      kernel: { name: options.kernelName ?? "deno" },
    }, this.#settings);
    const kernel = quietly(() =>
      new KernelConnection({
        model: session.kernel!,
        serverSettings: this.#settings,
        handleComms: false,
      })
    );
    const executor = new CellExecutor(kernel);
    const cells: ExecutedCell[] = [];
    let failure: CellFailure | null = null;
    try {
      let codeCellNumber = 0;
      for (const [index, cell] of notebook.cells.entries()) {
        if (cell.cell_type !== "code") continue;
        const executed: ExecutedCell = {
          cellNumber: index + 1,
          codeCellNumber: ++codeCellNumber,
          source: joinText(cell.source),
          executionCount: null,
          outputs: [],
        };
        cells.push(executed);
        if (failure || executed.source.trim() === "") {
          fill(cell, executed);
          continue;
        }
        failure = await this.#runCell(path, executor, executed, options, 1);
        fill(cell, executed);
      }
      if (options.rerun && failure === null) {
        failure = await this.#runAgain(path, executor, cells, options);
      }
    } finally {
      executor.dispose();
      kernel.dispose();
      await SessionAPI.shutdownSession(session.id, this.#settings);
    }
    return { path, notebook, cells, failure, seconds: (performance.now() - started) / 1000 };
  }

  /** The second pass: every code cell again, in order; outputs are checked, not kept. */
  async #runAgain(
    path: string,
    executor: CellExecutor,
    cells: readonly ExecutedCell[],
    options: ExecuteOptions,
  ): Promise<CellFailure | null> {
    for (const cell of cells) {
      if (cell.source.trim() === "") continue;
      const again: ExecutedCell = { ...cell, executionCount: null, outputs: [] };
      const failure = await this.#runCell(path, executor, again, options, 2);
      if (failure) return failure;
    }
    return null;
  }

  async #runCell(
    path: string,
    executor: CellExecutor,
    cell: ExecutedCell,
    options: ExecuteOptions,
    pass: 1 | 2,
  ): Promise<CellFailure | null> {
    try {
      const run = await executor.execute(
        cell.source,
        options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS,
      );
      cell.executionCount = run.executionCount;
      cell.outputs = run.outputs;
      const error = run.outputs.find((o) => o.output_type === "error");
      if (error) return failureOf(path, cell, error.ename, error.evalue, pass);
      if (run.status !== "ok") {
        return failureOf(path, cell, "ExecuteError", `the kernel replied ${run.status}`, pass);
      }
      return null;
    } catch (e) {
      if (e instanceof CellInterruptedError) {
        return failureOf(path, cell, e.reason, e.message, pass);
      }
      throw e;
    }
  }

  /** Stops the Jupyter server and every kernel it still runs. */
  async close(): Promise<void> {
    await this.#server.stop();
  }

  /** Same as {@link NotebookRunner.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** Runs `make` with console.debug muted: KernelConnection logs every socket it opens. */
function quietly<T>(make: () => T): T {
  const debug = console.debug;
  console.debug = () => {};
  try {
    return make();
  } finally {
    console.debug = debug;
  }
}

function fill(cell: CodeCell, executed: ExecutedCell): void {
  cell.outputs = executed.outputs;
  cell.execution_count = executed.executionCount;
}

/**
 * Runs one notebook with a Jupyter server of its own. To run several, start
 * one {@link NotebookRunner} and reuse it: it is much faster.
 *
 * @param path the notebook's path
 * @param options time limit and kernel name
 * @returns the executed copy, its cells, and the failure if any
 * @example
 * ```ts
 * const { cells, failure } = await executeNotebook("notebooks/00-welcome.ipynb");
 * console.log(cells.length, failure?.message ?? "ok");
 * ```
 */
export async function executeNotebook(
  path: string,
  options: ExecuteOptions = {},
): Promise<ExecutedNotebook> {
  const abs = absolute(path);
  await using runner = await NotebookRunner.start({ rootDir: abs.slice(0, abs.lastIndexOf("/")) });
  return await runner.execute(path, options);
}
