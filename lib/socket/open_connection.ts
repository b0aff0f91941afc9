/**
 * `openConnection`, asyncio's `open_connection`: connect, and get a reader
 * and a writer for the connection.
 *
 * @module
 */
import type { Coroutine } from "../coroutine/coroutine.ts";
import { getRunningLoop } from "../loop/running.ts";
import { sockConnect } from "./sock_ops.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import type { Network } from "./types.ts";

/** Options of {@link openConnection} and {@link startServer}. */
export interface StreamOptions {
  /** Real TCP ({@link tcp}, the default) or a {@link SimNetwork}. */
  network?: Network;
  /** The reader's longest line, in bytes. Default 64 KiB. */
  limit?: number;
  /** The writer's high water mark, in bytes. Default 64 KiB. */
  highWater?: number;
  /** The writer's low water mark, in bytes. Default a quarter of `highWater`. */
  lowWater?: number;
}

/**
 * Connects to `host:port` and returns a reader and a writer:
 * `const [reader, writer] = yield* openConnection("127.0.0.1", 8888)`.
 *
 * @param host The host.
 * @param port The port.
 * @param options Network, reader limit and writer water marks.
 * @returns The reader and the writer.
 * @throws {ConnectionRefusedError} When nothing listens there.
 * @example
 * ```ts
 * import { EventLoop, openConnection, SimNetwork, startServer, type StreamReader, type StreamWriter } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const network = new SimNetwork({ latency: 0.1 });
 * const reply = await loop.runUntilComplete((function* () {
 *   const server = yield* startServer(function* (r: StreamReader, w: StreamWriter) {
 *     w.write(yield* r.readline());
 *   }, "sim", 7, { network });
 *   const [reader, writer] = yield* openConnection("sim", 7, { network });
 *   writer.write("ping\n");
 *   const line = yield* reader.readline();
 *   writer.close();
 *   server.close();
 *   return new TextDecoder().decode(line);
 * })());
 * console.log(reply, loop.time()); // "ping\n" 0.4: connect is one round trip, the echo another
 * ```
 */
export function* openConnection(
  host: string,
  port: number,
  options: StreamOptions = {},
): Coroutine<[StreamReader, StreamWriter]> {
  const loop = getRunningLoop();
  const sock = yield* sockConnect(loop, host, port, { network: options.network });
  return [
    new StreamReader(sock, { loop, limit: options.limit }),
    new StreamWriter(sock, { loop, highWater: options.highWater, lowWater: options.lowWater }),
  ];
}
