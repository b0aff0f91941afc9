/**
 * `startJupyter()`: run a classic `jupyter notebook` server as a child process
 * and learn its URL, then stop it together with every kernel it started.
 *
 * @module
 */
import { linesOf } from "../lines.ts";

/** Options of {@link startJupyter}. */
export interface StartJupyterOptions {
  /** The folder Jupyter serves; kernels start in the folder of their notebook. */
  notebookDir: string;
  /** TCP port to ask for; 0 picks a free one (default 0). */
  port?: number;
  /** Access token; a random one when omitted. */
  token?: string;
  /** Open a browser tab (default false). */
  openBrowser?: boolean;
  /** Receives every line Jupyter writes to stderr, after the URL is known too (default: dropped). */
  onLog?: (line: string) => void;
  /**
   * Start Jupyter in a process group of its own (default false), so that a
   * terminal's Ctrl-C reaches only us and Jupyter gets exactly one, orderly,
   * stop request from {@link stopOnSignals}. Otherwise Jupyter receives the
   * SIGINT itself and then our SIGTERM in the middle of shutting its kernels
   * down, which aborts that shutdown.
   */
  ownProcessGroup?: boolean;
  /** Extra environment for Jupyter and its kernels (e.g. the course's `JUPYTER_PATH`). */
  env?: Record<string, string>;
}

/** A running Jupyter server. */
export interface JupyterServer {
  /** Base URL, ending in `/`, e.g. `http://127.0.0.1:8899/`. */
  baseUrl: string;
  /** The access token. */
  token: string;
  /** The URL to open in a browser, token included. */
  browserUrl: string;
  /** Process id of the Jupyter server. */
  pid: number;
  /** Resolves with the exit code once the server has exited. */
  exited: Promise<number>;
  /**
   * Stops the server and its kernels (SIGTERM, which Jupyter handles by shutting kernels down);
   * one still running a minute later is killed. Resolves with its exit code.
   */
  stop(): Promise<number>;
}

/**
 * Finds a TCP port nobody listens on right now.
 *
 * @returns a port number on 127.0.0.1
 */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** How long Jupyter may take to start serving (seconds under load, usually). */
const STARTUP_LIMIT_MS = 120_000;

/** How long a stopping Jupyter may take to shut its kernels down before it is killed. */
const STOP_LIMIT_MS = 60_000;

/** The line Notebook 6 prints once it listens, e.g. `http://127.0.0.1:8899/?token=abc`. */
const RUNNING_AT = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=(\w*)/;

/**
 * Starts `jupyter notebook` and waits until it prints the URL it serves and answers there.
 *
 * @param options folder, port, token and logging
 * @returns the running server; call `stop()` when done
 * @example
 * ```ts
 * const server = await startJupyter({ notebookDir: "notebooks" });
 * console.log(server.browserUrl);
 * await server.stop();
 * ```
 */
export async function startJupyter(options: StartJupyterOptions): Promise<JupyterServer> {
  const token = options.token ?? crypto.randomUUID().replaceAll("-", "");
  const port = options.port || freePort();
  const child = new Deno.Command("jupyter", {
    args: [
      "notebook",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--notebook-dir=${options.notebookDir}`,
      `--NotebookApp.token=${token}`,
      options.openBrowser ? "--NotebookApp.open_browser=True" : "--no-browser",
      // Notebook refuses to run as root unless told; CI containers run as root.
      ...(Deno.uid() === 0 ? ["--allow-root"] : []),
    ],
    // Without a terminal on stdin, Notebook treats SIGINT as "shut down now"
    // instead of asking for confirmation.
    env: options.env,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    detached: options.ownProcessGroup ?? false,
  }).spawn();
  const log = options.onLog ?? (() => {});
  const exited = child.status.then((s) => s.code);
  const stderr = linesOf(child.stderr);
  let found: RegExpExecArray | null = null;
  const seen: string[] = [];
  // next() by hand: breaking out of a for-await would cancel the pipe. A server that has not
  // said where it serves after STARTUP_LIMIT_MS is stopped, and the error shows what it said:
  // a caller waiting forever on it would hold a whole test run.
  const deadline = performance.now() + STARTUP_LIMIT_MS;
  while (!found) {
    const next = await byDeadline(stderr.next(), deadline);
    if (next === LATE) {
      child.kill("SIGKILL");
      throw new Error(
        `jupyter notebook did not say where it serves within ${STARTUP_LIMIT_MS / 1000} s:\n` +
          seen.slice(-20).join("\n"),
      );
    }
    if (next.done) break;
    log(next.value);
    seen.push(next.value);
    found = RUNNING_AT.exec(next.value);
  }
  // Keep draining stderr so that Jupyter never blocks on a full pipe.
  const drained = (async () => {
    for await (const line of stderr) log(line);
  })();
  if (!found) {
    await drained;
    const code = await exited;
    throw new Error(
      `jupyter notebook exited (code ${code}) before serving:\n${seen.slice(-20).join("\n")}`,
    );
  }
  const baseUrl = found[1];
  // Printing its address is not yet serving. Notebook 6.4 loses a SIGTERM that comes in between
  // (its handler fails on an event loop it has not made yet, and the error is swallowed), so a
  // caller that stops it at once would wait forever: ready means it answers.
  try {
    await untilServing(`${baseUrl}api/status?token=${token}`, exited, deadline);
  } catch (e) {
    child.kill("SIGKILL");
    await exited;
    await drained;
    throw e;
  }
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch (e) {
      // Already exited: nothing to stop.
      if (!(e instanceof TypeError)) throw e;
    }
    if (await byDeadline(exited, performance.now() + STOP_LIMIT_MS) === LATE) {
      // Stuck in its shutdown: end it, and with its own process group, its kernels too.
      const detached = options.ownProcessGroup ?? false;
      try {
        if (detached) Deno.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch { /* exited meanwhile */ }
    }
    const code = await exited;
    await drained;
    return code;
  };
  return {
    baseUrl,
    token,
    browserUrl: `${baseUrl}?token=${token}`,
    pid: child.pid,
    exited,
    stop,
  };
}

/** What {@link stopOnSignals} installed. */
export interface SignalGuard {
  /** True once a stop signal has arrived. */
  readonly signalled: boolean;
  /** Resolves when a stop signal has arrived and the server has stopped. */
  readonly stopped: Promise<void>;
  /** Removes the signal listeners. */
  dispose(): void;
}

/**
 * Stops a Jupyter server (and so its kernels) when this process gets SIGINT
 * (Ctrl-C) or SIGTERM.
 *
 * @param server the server to stop
 * @param onSignal called once, when the first stop signal arrives
 * @returns a guard: whether a signal came, a promise for the stop, and `dispose()`
 * @example
 * ```ts
 * const server = await startJupyter({ notebookDir: "notebooks", ownProcessGroup: true });
 * const guard = stopOnSignals(server);
 * await server.exited;
 * guard.dispose();
 * ```
 */
export function stopOnSignals(server: JupyterServer, onSignal: () => void = () => {}): SignalGuard {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  let signalled = false;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => resolveStopped = resolve);
  const listener = () => {
    if (signalled) return;
    signalled = true;
    onSignal();
    server.stop().then(resolveStopped, resolveStopped);
  };
  for (const signal of signals) Deno.addSignalListener(signal, listener);
  return {
    get signalled() {
      return signalled;
    },
    stopped,
    dispose() {
      for (const signal of signals) Deno.removeSignalListener(signal, listener);
    },
  };
}

/** What {@link byDeadline} gives for a promise still pending at its deadline. */
const LATE = Symbol("late");

/**
 * `promise`'s value, or {@link LATE} if it is still pending at `deadline` (a `performance.now()`
 * time). The timer never outlives the answer.
 */
async function byDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) =>
    timer = setTimeout(() => resolve(LATE), Math.max(0, deadline - performance.now()))
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks `url` until the server answers 200 (every 50 ms), or fails once the server has exited or
 * `deadline` (a `performance.now()` time) has passed.
 */
async function untilServing(url: string, exited: Promise<number>, deadline: number): Promise<void> {
  let gone = false;
  exited.then(() => gone = true);
  let last = "no answer";
  while (!gone && performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await byDeadline(exited, performance.now() + 50);
  }
  const where = url.split("?")[0];
  throw new Error(
    gone
      ? `jupyter notebook exited right after saying where it serves (${where})`
      : `jupyter notebook did not answer at ${where} within ${STARTUP_LIMIT_MS / 1000} s: ${last}`,
  );
}
