/**
 * Echo clients for the socket chapters: `echoOnce` connects, sends one
 * message, waits until all of it has come back and records when each phase
 * ended; `echoClients` runs many of them at once as named tasks; `echoBars`
 * turns their results into timeline bars; `echoStream` is the matching server
 * handler for `startServer`. They work on real TCP and on a `SimNetwork`.
 *
 * @module
 */
import type { Coroutine } from "../coroutine/coroutine.ts";
import { gather } from "../coroutine/gather.ts";
import { sleep } from "../coroutine/sleep.ts";
import { getRunningLoop } from "../loop/running.ts";
import type { TimelineBar } from "../chart/timeline_bar.ts";
import type { StreamReader } from "../socket/stream_reader.ts";
import type { StreamWriter } from "../socket/stream_writer.ts";
import type { Network } from "../socket/types.ts";

/** What one echo client saw, times in loop seconds. */
export interface EchoResult {
  /** The client's name. */
  client: string;
  /** The message it sent. */
  sent: string;
  /** What came back (equal to `sent` when the server echoed everything). */
  reply: string;
  /** When it started connecting. */
  startedAt: number;
  /** When the connection was established. */
  connectedAt: number;
  /** When it started sending (after thinking, if it did). */
  sentAt: number;
  /** When the whole echo had arrived (or the server closed the connection). */
  doneAt: number;
}

/** Options of {@link echoOnce}. */
export interface EchoOnceOptions {
  /** Real TCP (default) or a `SimNetwork`. */
  network?: Network;
  /** Seconds to wait between connecting and sending, like a slow person typing. Default 0. */
  thinkFor?: number;
  /** The client's name in results and timelines. Default `"client"`. */
  name?: string;
}

/**
 * Connects to `host:port`, optionally waits `thinkFor` seconds, sends
 * `message`, reads until as many bytes have come back as were sent (TCP may
 * split them into several pieces), then closes.
 *
 * @param host The server's host (`"127.0.0.1"`, or anything on a `SimNetwork`).
 * @param port The server's port.
 * @param message What to send.
 * @param options Network, thinking time, name.
 * @returns A coroutine of what the client saw, with loop times.
 * @example
 * ```ts
 * import { echoOnce, echoStream, EventLoop, SimNetwork, startServer } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const network = new SimNetwork({ latency: 0.1 });
 * const result = await loop.runUntilComplete((function* () {
 *   const server = yield* startServer(echoStream, "sim", 7, { network });
 *   const result = yield* echoOnce("sim", 7, "hi\n", { network });
 *   server.close();
 *   return result;
 * })());
 * console.log(result.reply, result.doneAt); // "hi\n" 0.4
 * loop.close();
 * ```
 */
export function* echoOnce(
  host: string,
  port: number,
  message: string,
  options: EchoOnceOptions = {},
): Coroutine<EchoResult> {
  const loop = getRunningLoop();
  const startedAt = loop.time();
  const sock = yield* loop.sockConnect(host, port, { network: options.network });
  const connectedAt = loop.time();
  try {
    if (options.thinkFor) yield* sleep(options.thinkFor);
    const sentAt = loop.time();
    const bytes = new TextEncoder().encode(message);
    yield* loop.sockSendall(sock, bytes);
    const chunks: Uint8Array[] = [];
    let got = 0;
    while (got < bytes.length) {
      const chunk = yield* loop.sockRecv(sock, 65536);
      if (chunk.length === 0) break; // the server closed early
      chunks.push(chunk);
      got += chunk.length;
    }
    const reply = new TextDecoder().decode(concatBytes(chunks));
    const client = options.name ?? "client";
    return { client, sent: message, reply, startedAt, connectedAt, sentAt, doneAt: loop.time() };
  } finally {
    sock.close();
  }
}

/** Options of {@link echoClients}. */
export interface EchoClientsOptions {
  /** Real TCP (default) or a `SimNetwork`. */
  network?: Network;
  /** Seconds client `i` thinks before sending; default none. */
  thinkFor?: (i: number) => number;
  /** Client `i`'s message; default `"hello from client i\n"`. */
  message?: (i: number) => string;
}

/**
 * Runs `n` {@link echoOnce} clients at the same time, each as a task named
 * `client 0`, `client 1`, ..., and waits for all of them.
 *
 * @param n How many clients.
 * @param host The server's host.
 * @param port The server's port.
 * @param options Network, per-client thinking time and message.
 * @returns A coroutine of the results, in client order.
 * @example
 * ```ts
 * import { echoClients, echoStream, EventLoop, SimNetwork, startServer } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const network = new SimNetwork({ latency: 0.1 });
 * const results = await loop.runUntilComplete((function* () {
 *   const server = yield* startServer(echoStream, "sim", 7, { network });
 *   const results = yield* echoClients(10, "sim", 7, { network });
 *   server.close();
 *   return results;
 * })());
 * console.log(Math.max(...results.map((r) => r.doneAt))); // 0.4
 * loop.close();
 * ```
 */
export function* echoClients(
  n: number,
  host: string,
  port: number,
  options: EchoClientsOptions = {},
): Coroutine<EchoResult[]> {
  const loop = getRunningLoop();
  const tasks = Array.from({ length: n }, (_, i) => {
    const name = `client ${i}`;
    const message = options.message?.(i) ?? `hello from client ${i}\n`;
    const coro = echoOnce(host, port, message, {
      network: options.network,
      thinkFor: options.thinkFor?.(i) ?? 0,
      name,
    });
    return loop.createTask(coro, { name });
  });
  return yield* gather(...tasks);
}

/**
 * Timeline bars for echo results: per client, connecting (`io`), thinking
 * (`suspended`), then waiting for the echo (`io`).
 *
 * @param results What {@link echoOnce} or {@link echoClients} returned.
 * @param scale Multiply loop seconds by this (1000 draws milliseconds). Default 1.
 * @returns Bars for `timeline()`.
 * @example
 * ```ts
 * import { echoBars } from "@course/lib";
 * const bars = echoBars([{ client: "A", sent: "x", reply: "x", startedAt: 0, connectedAt: 0.2, sentAt: 0.2, doneAt: 0.4 }]);
 * console.log(bars.map((b) => b.label)); // ["connect", "echo"]
 * ```
 */
export function echoBars(results: readonly EchoResult[], scale = 1): TimelineBar[] {
  const bars: TimelineBar[] = [];
  for (const r of results) {
    const lane = r.client;
    bars.push({
      lane,
      kind: "io",
      start: r.startedAt * scale,
      end: r.connectedAt * scale,
      label: "connect",
    });
    if (r.sentAt > r.connectedAt) {
      bars.push({
        lane,
        kind: "suspended",
        start: r.connectedAt * scale,
        end: r.sentAt * scale,
        label: "thinks",
      });
    }
    bars.push({ lane, kind: "io", start: r.sentAt * scale, end: r.doneAt * scale, label: "echo" });
  }
  return bars;
}

/**
 * A `startServer` handler that echoes every chunk it reads until the client
 * closes its side: the smallest useful server.
 *
 * @param reader The connection's reader.
 * @param writer The connection's writer.
 * @returns A coroutine that ends at the client's end of file.
 * @example
 * ```ts
 * // yield* startServer(echoStream, "127.0.0.1", 0) — see echoOnce.
 * ```
 */
export function* echoStream(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  for (;;) {
    const data = yield* reader.read(65536);
    if (data.length === 0) return;
    writer.write(data);
    yield* writer.drain(); // wait here if the client reads slower than it sends
  }
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
