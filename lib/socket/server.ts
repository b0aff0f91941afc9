/**
 * `startServer` and `Server`, asyncio's `start_server`: listen, and run a
 * handler task per connection with a reader and a writer.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { isCoroutine } from "../coroutine/coroutine.ts";
import { CancelledError } from "../coroutine/errors.ts";
import { Future } from "../coroutine/future.ts";
import type { Task } from "../coroutine/task.ts";
import { getRunningLoop } from "../loop/running.ts";
import { SocketClosedError } from "./errors.ts";
import type { StreamOptions } from "./open_connection.ts";
import { _awaitPromise, sockAccept } from "./sock_ops.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import { tcp } from "./tcp_listener.ts";
import type { Address, ListeningSocket } from "./types.ts";

// The constructor of every `function*`: a handler made by one can become a task as it is.
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

/** The coroutine a handler task runs: the handler's own, or a plain function's call wrapped in one. */
function handlerCoroutine(
  handler: ClientConnectedHandler,
  reader: StreamReader,
  writer: StreamWriter,
): Coroutine<void> {
  if (handler instanceof GeneratorFunction) return handler(reader, writer) as Coroutine<void>;
  return callInTask(handler, reader, writer);
}

function* callInTask(
  handler: ClientConnectedHandler,
  reader: StreamReader,
  writer: StreamWriter,
): Coroutine<void> {
  const result = handler(reader, writer);
  if (isCoroutine(result)) yield* result; // e.g. an arrow function that returns echo(r, w)
}

/**
 * What `startServer` runs for each connection: a generator function (or a
 * plain function) given the connection's reader and writer.
 */
export type ClientConnectedHandler = (
  reader: StreamReader,
  writer: StreamWriter,
) => Coroutine<void> | void;

/** Options of {@link startServer}. */
export interface ServerOptions extends StreamOptions {
  /** The most accepted connections waiting for the server to take them. Default 1024. */
  backlog?: number;
}

interface Connection {
  task: Task<void>;
  writer: StreamWriter;
}

/**
 * A listening server. One task accepts connections and starts a handler
 * task for each. When a handler returns, its writer is closed for it; when it
 * throws, the error goes to the loop's exception handler and the connection is
 * aborted.
 *
 * @example
 * ```ts
 * // See startServer.
 * ```
 */
export class Server {
  #loop: EventLoop;
  #listener: ListeningSocket;
  #handler: ClientConnectedHandler;
  #options: ServerOptions;
  #connections = new Set<Connection>();
  #accepter: Task<void>;
  #closed: Future<void>;
  #emptied: Future<void> | null = null;

  /**
   * Use {@link startServer}.
   * @param loop The loop.
   * @param listener The listening socket.
   * @param handler The per-connection handler.
   * @param options Reader and writer options.
   */
  constructor(
    loop: EventLoop,
    listener: ListeningSocket,
    handler: ClientConnectedHandler,
    options: ServerOptions = {},
  ) {
    this.#loop = loop;
    this.#listener = listener;
    this.#handler = handler;
    this.#options = options;
    this.#closed = loop.createFuture<void>();
    this.#accepter = loop.createTask(this.#acceptLoop(), { name: "server accept loop" });
  }

  /** The listening address; `port` is the real one when port 0 was asked for. */
  get localAddress(): Address {
    return this.#listener.localAddress;
  }

  /** The port listened on (the bound one when 0 was asked for). */
  get port(): number {
    return this.#listener.localAddress.port;
  }

  /** The listening sockets (asyncio's `server.sockets`): one here. */
  get sockets(): ListeningSocket[] {
    return [this.#listener];
  }

  /** How many connections are being handled now. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /**
   * Whether the server still accepts connections.
   * @returns `false` once closed.
   */
  isServing(): boolean {
    return !this.#closed.done();
  }

  /** Stops listening. Connections already accepted go on (as in asyncio). */
  close(): void {
    if (this.#closed.done()) return;
    this.#listener.close();
    this.#accepter.cancel();
    this.#closed.setResult();
  }

  /** Closes every connection gracefully: each writer sends what it has, then closes. */
  closeClients(): void {
    for (const { writer } of this.#connections) writer.close();
  }

  /** Cancels every handler task and aborts its connection at once. */
  abortClients(): void {
    for (const { task, writer } of this.#connections) {
      task.cancel();
      writer.abort();
    }
  }

  /**
   * Waits until the server is closed and every connection has finished and released its socket.
   * @returns A coroutine to `yield*`.
   */
  *waitClosed(): Coroutine<void> {
    yield* this.#closed;
    while (this.#connections.size > 0) {
      this.#emptied ??= this.#loop.createFuture<void>();
      yield* this.#emptied;
    }
    yield* _awaitPromise(this.#loop, this.#listener.waitClosed());
  }

  /**
   * Serves until the server is closed; cancelling this closes the server.
   * @returns A coroutine to `yield*`.
   */
  *serveForever(): Coroutine<void> {
    // A future of its own, as asyncio's: cancelling a task cancels the future it waits on,
    // and that must not be the server's own `#closed`.
    const serving = this.#loop.createFuture<void>();
    this.#closed.addDoneCallback(() => {
      if (!serving.done()) serving.setResult();
    });
    try {
      yield* serving;
    } catch (error) {
      if (error instanceof CancelledError) this.close();
      throw error;
    }
  }

  *#acceptLoop(): Coroutine<void> {
    for (;;) {
      let sock;
      try {
        [sock] = yield* sockAccept(this.#loop, this.#listener);
      } catch (error) {
        if (error instanceof SocketClosedError || this.#listener.closed) return;
        // Say, too many open files: report it and keep serving the others.
        this.#loop.callExceptionHandler({ message: "accept failed", exception: error });
        continue;
      }
      const loop = this.#loop;
      const reader = new StreamReader(sock, { loop, limit: this.#options.limit });
      const writer = new StreamWriter(sock, {
        loop,
        highWater: this.#options.highWater,
        lowWater: this.#options.lowWater,
      });
      const name = `client ${sock.remoteAddress.hostname}:${sock.remoteAddress.port}`;
      const task = loop.createTask(handlerCoroutine(this.#handler, reader, writer), { name });
      const connection: Connection = { task, writer };
      task.addDoneCallback(() => this.#handled(connection));
      this.#connections.add(connection);
    }
  }

  /**
   * A handler task is done: close its connection (abort it if the handler failed or was
   * cancelled, reporting a failure), then forget it once its socket is released.
   */
  #handled(connection: Connection): void {
    const { task, writer } = connection;
    const error = task.cancelled() ? null : task.exception();
    if (task.cancelled() || error !== null) {
      writer.abort();
      if (error !== null && !(error instanceof CancelledError)) {
        this.#loop.callExceptionHandler({
          message: "unhandled error in a client connection handler",
          exception: error,
        });
      }
    } else {
      writer.close();
    }
    Future.fromPromise(writer.socket.waitClosed(), this.#loop)
      .addDoneCallback(() => this.#forget(connection));
  }

  /** A connection is over and its socket released: `waitClosed` may stop waiting for it. */
  #forget(connection: Connection): void {
    this.#connections.delete(connection);
    if (this.#connections.size === 0 && this.#emptied && !this.#emptied.done()) {
      this.#emptied.setResult();
      this.#emptied = null;
    }
  }
}

/**
 * Starts a server on `host:port` that runs `handler(reader, writer)` for each
 * connection: `const server = yield* startServer(handle, "127.0.0.1", 0)`.
 * Port 0 picks a free port: read it from `server.port`.
 *
 * @param handler The per-connection handler, usually a generator function.
 * @param host The address to bind (`"127.0.0.1"`).
 * @param port The port; 0 for any free one.
 * @param options Network, backlog, reader limit and writer water marks.
 * @returns The running server.
 * @example
 * ```ts
 * import { EventLoop, startServer, type StreamReader, type StreamWriter } from "@course/lib";
 * function* echo(reader: StreamReader, writer: StreamWriter) {
 *   for (let data = yield* reader.read(65536); data.length > 0; data = yield* reader.read(65536)) {
 *     writer.write(data);
 *     yield* writer.drain();
 *   }
 * }
 * const loop = new EventLoop();
 * await loop.runUntilComplete((function* () {
 *   const server = yield* startServer(echo, "127.0.0.1", 0);
 *   console.log(server.port > 0); // true
 *   server.close();
 *   yield* server.waitClosed();
 * })());
 * ```
 */
// A coroutine function like asyncio's start_server, though listening itself never waits.
// deno-lint-ignore require-yield
export function* startServer(
  handler: ClientConnectedHandler,
  host: string,
  port: number,
  options: ServerOptions = {},
): Coroutine<Server> {
  const loop = getRunningLoop();
  const listener = (options.network ?? tcp).listen(port, host, { backlog: options.backlog });
  return new Server(loop, listener, handler, options);
}
