/**
 * `startRemoteSlowServer`: the slow server of {@linkcode startSlowServer}, run
 * in a Worker, that is on a thread and event loop of its own. It stands for a
 * server on another machine: it receives requests and times its delay while
 * the notebook's thread is busy computing, which a server sharing the notebook's
 * thread cannot do.
 *
 * @module
 */
import type { SlowServerEvent } from "./slow_server.ts";

/** A slow server running in a Worker. */
export interface RemoteSlowServer {
  /**
   * The base URL, e.g. `http://127.0.0.1:41234/`. After `close()`, reading it
   * (or `nextArrival()`) starts the server again on the same port.
   */
  readonly url: string;
  /** Every arrival and answer so far, in the order the server posted them. */
  readonly events: readonly SlowServerEvent[];
  /** Resolves at the next arrival of a request at the server. */
  nextArrival(): Promise<SlowServerEvent>;
  /** Stops the server and its Worker; closing twice is harmless. */
  close(): Promise<void>;
  /** `await using server = await startRemoteSlowServer()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** How long reading `url` may wait for a restarted server to listen. */
const RESTART_WAIT_MS = 10_000;

/**
 * Starts a slow server (every answer waits `delayMs`) in a Worker.
 * @param options `delayMs`, default 200.
 * @returns The running server, once it listens.
 * @example
 * ```ts
 * import { startRemoteSlowServer } from "@course/lib";
 * await using server = await startRemoteSlowServer({ delayMs: 50 });
 * console.log(await (await fetch(new URL("/hi", server.url))).text()); // "/hi"
 * ```
 */
export async function startRemoteSlowServer(
  options: { delayMs?: number } = {},
): Promise<RemoteSlowServer> {
  const delayMs = options.delayMs ?? 200;
  const events: SlowServerEvent[] = [];
  let arrivalWaiters: ((event: SlowServerEvent) => void)[] = [];
  let closing: Promise<void> | null = null;

  /** A Worker running the server; `listening` says when its url has come. */
  const spawn = (order: { port?: number; listening?: Int32Array }) => {
    const worker = new Worker(new URL("./slow_server_worker.ts", import.meta.url), {
      type: "module",
    });
    let onClosed = () => {};
    const listening = new Promise<string>((resolve, reject) => {
      worker.onerror = (error) => {
        error.preventDefault();
        worker.terminate();
        reject(new Error(`the slow server's Worker failed: ${error.message}`));
      };
      worker.onmessage = (message) => {
        const data = message.data;
        if (data.event) {
          events.push(data.event);
          if (data.event.kind !== "arrived") return;
          const waiters = arrivalWaiters;
          arrivalWaiters = [];
          waiters.forEach((wake) => wake(data.event));
        } else if (data.closed) {
          onClosed();
        } else if (data.url) {
          resolve(data.url);
        }
      };
    });
    worker.postMessage({ delayMs, ...order });
    const close = () =>
      new Promise<void>((done) => {
        onClosed = () => (worker.terminate(), done());
        worker.postMessage("close");
      });
    return { listening, close };
  };

  let current = spawn({});
  const url: string = await current.listening;
  const port = Number(new URL(url).port);
  // Closed by a clean-up cell, the server starts again on the same port when next
  // used. The new Worker listens on its own thread; this thread blocks until it does,
  // so that a request sent right after reading `url` finds the server.
  const reopen = () => {
    if (closing === null) return;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    current = spawn({ port, listening: flag });
    current.listening.catch(() => {}); // a failure shows in the flag, below
    const waited = Atomics.wait(flag, 0, 0, RESTART_WAIT_MS);
    if (waited === "timed-out" || Atomics.load(flag, 0) !== 1) {
      throw new Error(
        `the slow server could not listen again on port ${port}: ` +
          "run the cell that starts it (startRemoteSlowServer) again",
      );
    }
    closing = null;
  };
  const close = () => closing ??= current.close();
  return {
    get url() {
      reopen();
      return url;
    },
    events,
    nextArrival: () => (reopen(), new Promise((wake) => arrivalWaiters.push(wake))),
    close,
    [Symbol.asyncDispose]: close,
  };
}
