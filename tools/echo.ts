/**
 * `deno task echo [--port 8888] [--host 127.0.0.1] [--idle-timeout 60] [--quiet]`: an echo
 * server built with the course's own loop and streams, for real clients
 * (`nc 127.0.0.1 8888`, Python's `asyncio.open_connection`, `socat`).
 *
 * It echoes bytes as they arrive (not only whole lines, so garbage and
 * half-lines come back too), logs each connect and disconnect, drops clients
 * idle for `--idle-timeout` seconds (0: never), survives clients that vanish or
 * reset, and on Ctrl-C (SIGINT) stops listening, closes every connection and
 * exits with status 0. `--port 0` picks a free port; the first line printed is
 * always `listening on <host>:<port>`. `--quiet` leaves out the line per connect and
 * disconnect (the benchmark's references log nothing per client either).
 *
 * @module
 */
// The loop, coroutine and socket folders only: the server need not load the charting code.
import { EventLoop } from "@course/lib/loop/mod.ts";
import {
  CancelledError,
  type Coroutine,
  currentTask,
  getRunningLoop,
} from "@course/lib/coroutine/mod.ts";
import { startServer, type StreamReader, type StreamWriter } from "@course/lib/socket/mod.ts";

/** Options of {@link serveEcho}. */
export interface EchoOptions {
  /** The address to bind. */
  host: string;
  /** The port; 0 picks a free one. */
  port: number;
  /** Seconds a client may stay silent before it is disconnected; 0 disables. */
  idleTimeout: number;
  /** Where log lines go. */
  log: (line: string) => void;
  /** Whether each connect and disconnect is logged (`--quiet` turns it off). */
  logClients: boolean;
}

/** The defaults of `deno task echo`. */
export const ECHO_DEFAULTS: EchoOptions = {
  host: "127.0.0.1",
  port: 8888,
  idleTimeout: 60,
  log: (line) => console.log(line),
  logClients: true,
};

/**
 * Parses `--port`, `--host`, `--idle-timeout` and `--quiet`.
 *
 * @param args Command-line arguments.
 * @returns The options, defaults filled in.
 * @throws {Error} On an unknown flag or a bad number.
 * @example
 * ```ts
 * import { parseEchoArgs } from "./echo.ts";
 * console.log(parseEchoArgs(["--port", "0"]).port); // 0
 * ```
 */
export function parseEchoArgs(args: string[]): EchoOptions {
  const options = { ...ECHO_DEFAULTS };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === "--quiet") {
      options.logClients = false;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--host") options.host = value;
    else if (flag === "--port" || flag === "--idle-timeout") {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a number >= 0: ${value}`);
      if (flag === "--port") options.port = n;
      else options.idleTimeout = n;
    } else throw new Error(`unknown flag ${flag}; use --port, --host, --idle-timeout, --quiet`);
  }
  return options;
}

/**
 * The per-connection handler: echo every chunk until end of file, with an idle timeout.
 *
 * The idle timeout is one lazy timer per connection, not one per read: each
 * read only notes the time, and the timer, when it fires, re-arms itself for
 * the remaining time unless the client really has been silent that long.
 *
 * @param options `idleTimeout` and `log`.
 * @returns The handler to give `startServer`.
 */
export function echoHandler(
  options: Pick<EchoOptions, "idleTimeout" | "log">,
): (reader: StreamReader, writer: StreamWriter) => Coroutine<void> {
  return function* echo(reader, writer) {
    const loop = getRunningLoop();
    const task = currentTask()!;
    const peer = `${writer.remoteAddress.hostname}:${writer.remoteAddress.port}`;
    let bytes = 0;
    let lastHeard = loop.time();
    let idle = false;
    const watchdog = () => {
      const silent = loop.time() - lastHeard;
      if (silent >= options.idleTimeout) {
        idle = true;
        task.cancel();
      } else timer = loop.callLater(options.idleTimeout - silent, watchdog);
    };
    let timer = options.idleTimeout > 0 ? loop.callLater(options.idleTimeout, watchdog) : null;
    options.log(`connect ${peer}`);
    let why = "end of file";
    try {
      for (;;) {
        const data = yield* reader.read(65536);
        if (data.length === 0) break;
        if (timer !== null) lastHeard = loop.time(); // the clock is read only when it is watched
        bytes += data.length;
        writer.write(data);
        yield* writer.drain();
      }
    } catch (error) {
      if (error instanceof CancelledError) why = idle ? "idle timeout" : "server shutdown";
      else why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      writer.abort(); // a reset or vanished client: nothing more can be said to it
    } finally {
      timer?.cancel();
      options.log(`disconnect ${peer} (${why}, ${bytes} bytes echoed)`);
    }
  };
}

/**
 * Runs the echo server until `stop` settles, then closes it and every connection.
 *
 * @param options Address, idle timeout, log.
 * @param stop Settles when the server should shut down.
 * @param onListening Told the bound address once listening (before any client).
 * @returns A coroutine that finishes after a clean shutdown.
 */
export function* serveEcho(
  options: EchoOptions,
  stop: Promise<void>,
  onListening: (host: string, port: number) => void = () => {},
): Coroutine<void> {
  const loop = getRunningLoop();
  const clientLog = options.logClients ? options.log : () => {};
  const handler = echoHandler({ idleTimeout: options.idleTimeout, log: clientLog });
  const server = yield* startServer(handler, options.host, options.port);
  options.log(`listening on ${server.localAddress.hostname}:${server.port}`);
  onListening(server.localAddress.hostname, server.port);
  const stopped = loop.createFuture<void>();
  const release = loop.keepAlive();
  stop.then(() => loop.callSoonThreadsafe(() => stopped.done() || stopped.setResult()));
  try {
    yield* stopped;
  } finally {
    release();
    options.log("shutting down");
    server.close();
    server.abortClients();
    yield* server.waitClosed();
    options.log("bye");
  }
}

if (import.meta.main) {
  let options: EchoOptions;
  try {
    options = parseEchoArgs(Deno.args);
  } catch (error) {
    console.error(`echo: ${error instanceof Error ? error.message : error}`);
    Deno.exit(2);
  }
  const { promise: stop, resolve } = Promise.withResolvers<void>();
  const onSignal = () => resolve();
  Deno.addSignalListener("SIGINT", onSignal);
  const loop = new EventLoop();
  try {
    await loop.runUntilComplete(serveEcho(options, stop));
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    loop.close();
  }
}
