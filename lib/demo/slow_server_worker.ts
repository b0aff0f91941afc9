/**
 * The program of a Worker that runs {@linkcode startSlowServer} on its own
 * thread (see `remote_slow_server.ts`). It posts `{ url }` once listening, then
 * every arrival and answer as a `SlowServerEvent`, and closes the server when
 * told `"close"`. Given a `port` and a `listening` flag (shared memory), it
 * listens on that port and raises the flag, so that a thread blocked waiting
 * for it wakes up without needing its own event loop.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { startSlowServer } from "./slow_server.ts";

/** What the Worker is told: start (on a port, or any), or close. */
type Order = { delayMs: number; port?: number; listening?: Int32Array } | "close";

self.onmessage = async (message: MessageEvent<Order>) => {
  if (message.data === "close") {
    await server?.close();
    self.postMessage({ closed: true });
    return;
  }
  const { delayMs, port, listening } = message.data;
  try {
    server = startSlowServer({
      delayMs,
      port,
      onEvent: (event) => self.postMessage({ event }),
    });
    self.postMessage({ url: server.url });
    if (listening) Atomics.store(listening, 0, 1);
  } catch (error) {
    if (listening) Atomics.store(listening, 0, 2);
    throw error;
  } finally {
    if (listening) Atomics.notify(listening, 0);
  }
};

let server: ReturnType<typeof startSlowServer> | undefined;
