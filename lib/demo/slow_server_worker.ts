/**
 * The program of a Worker that runs {@linkcode startSlowServer} on its own
 * thread (see `remote_slow_server.ts`). It posts `{ url }` once listening, then
 * every arrival and answer as a `SlowServerEvent`, and closes the server when
 * told `"close"`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { startSlowServer } from "./slow_server.ts";

self.onmessage = async (message: MessageEvent<{ delayMs: number } | "close">) => {
  if (message.data === "close") {
    await server?.close();
    self.postMessage({ closed: true });
    return;
  }
  server = startSlowServer({
    delayMs: message.data.delayMs,
    onEvent: (event) => self.postMessage({ event }),
  });
  self.postMessage({ url: server.url });
};

let server: ReturnType<typeof startSlowServer> | undefined;
