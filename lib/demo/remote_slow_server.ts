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
  /** The base URL, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Every arrival and answer so far, in the order the server posted them. */
  readonly events: readonly SlowServerEvent[];
  /** Resolves at the next arrival of a request at the server. */
  nextArrival(): Promise<SlowServerEvent>;
  /** Stops the server and its Worker. */
  close(): Promise<void>;
  /** `await using server = await startRemoteSlowServer()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

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
export function startRemoteSlowServer(
  options: { delayMs?: number } = {},
): Promise<RemoteSlowServer> {
  const worker = new Worker(new URL("./slow_server_worker.ts", import.meta.url), {
    type: "module",
  });
  const events: SlowServerEvent[] = [];
  let arrivalWaiters: ((event: SlowServerEvent) => void)[] = [];
  let closed: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    worker.onerror = (error) => {
      error.preventDefault();
      worker.terminate();
      reject(new Error(`the slow server's Worker failed: ${error.message}`));
    };
    worker.onmessage = (message) => {
      const data = message.data;
      if (data.event) {
        events.push(data.event);
        if (data.event.kind === "arrived") {
          const waiters = arrivalWaiters;
          arrivalWaiters = [];
          waiters.forEach((wake) => wake(data.event));
        }
      } else if (data.closed) {
        closed?.();
      } else if (data.url) {
        let closing: Promise<void> | undefined;
        const close = () =>
          closing ??= new Promise<void>((done) => {
            closed = () => (worker.terminate(), done());
            worker.postMessage("close");
          });
        resolve({
          url: data.url,
          events,
          nextArrival: () => new Promise((wake) => arrivalWaiters.push(wake)),
          close,
          [Symbol.asyncDispose]: close,
        });
      }
    };
    worker.postMessage({ delayMs: options.delayMs ?? 200 });
  });
}
