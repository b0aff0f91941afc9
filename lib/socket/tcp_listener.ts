/**
 * A real listening TCP socket on the loopback, readiness-based like
 * {@link TcpSocket}: one native `accept()` is always outstanding, and accepted
 * connections wait in a queue (the kernel's accept backlog, played in user
 * space) until `accept()` takes them. The listener is *readable* while that
 * queue is not empty, exactly what `select()` reports for a listening socket.
 *
 * @module
 */
import { _fromNative, AddressInUseError, BlockingIOError, SocketClosedError } from "./errors.ts";
import { connectTcp, TcpSocket, type TcpSocketOptions } from "./tcp_socket.ts";
import type { Address, ListeningSocket, Network } from "./types.ts";
import { Watchers } from "./watchers.ts";

/** Options of {@link listenTcp}. */
export interface TcpListenerOptions extends TcpSocketOptions {
  /** The most accepted connections waiting for `accept()`; accepting pauses above it. Default 1024. */
  backlog?: number;
}

/**
 * A non-blocking listening socket over a `Deno.TcpListener`. Make one with {@link listenTcp}.
 *
 * @example
 * ```ts
 * import { listenTcp } from "@course/lib";
 * const listener = listenTcp(0); // port 0: the system picks a free port
 * console.log(listener.localAddress.port > 0); // true
 * listener.close();
 * await listener.waitClosed();
 * ```
 */
export class TcpListener implements ListeningSocket {
  /** Real TCP: readiness comes from Deno's native I/O. */
  readonly native = true;
  #listener: Deno.TcpListener;
  #queue: TcpSocket[] = [];
  #watchers = new Watchers();
  #error: Error | null = null;
  #closed = false;
  #accepter: Promise<void> | null = null;
  #accepting = false;
  readonly #backlog: number;
  readonly #socketOptions: TcpSocketOptions;

  /**
   * Use {@link listenTcp} instead.
   * @param listener The native listener.
   * @param options Backlog and the accepted sockets' buffer sizes.
   */
  constructor(listener: Deno.TcpListener, options: TcpListenerOptions = {}) {
    this.#listener = listener;
    this.#backlog = options.backlog ?? 1024;
    this.#socketOptions = options;
    this.#startAccepting();
  }

  /** The bound address; `port` is the real one when port 0 was asked for. */
  get localAddress(): Address {
    const { hostname, port } = this.#listener.addr;
    return { hostname, port };
  }

  /** True while a connection waits to be accepted (or an accept error waits to be reported). */
  get readable(): boolean {
    return this.#queue.length > 0 || this.#error !== null || this.#closed;
  }

  /** A listening socket is never writable. */
  get writable(): boolean {
    return false;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Calls `listener` whenever a connection may be waiting.
   * @param listener What to call.
   * @returns A function that stops the calls.
   */
  watch(listener: () => void): () => void {
    return this.#watchers.add(listener);
  }

  /**
   * Takes the next accepted connection.
   * @returns The connected socket and the peer's address.
   * @throws {BlockingIOError} When no connection is waiting.
   */
  accept(): [TcpSocket, Address] {
    if (this.#closed) throw new SocketClosedError("accept");
    const sock = this.#queue.shift();
    if (sock === undefined) {
      const error = this.#error;
      if (error) {
        // Report an accept failure (say, too many open files) once, then try again.
        this.#error = null;
        this.#startAccepting();
        throw error;
      }
      throw new BlockingIOError("accept");
    }
    this.#startAccepting();
    return [sock, sock.remoteAddress];
  }

  /** Stops listening and closes connections that were never accepted. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#listener.close();
    } catch { /* already closed */ }
    for (const sock of this.#queue) sock.abort();
    this.#watchers.notify();
  }

  /**
   * Settles when the native accept and every never-accepted connection have finished.
   * @returns A promise that resolves once closed.
   */
  async waitClosed(): Promise<void> {
    const queued = this.#queue.splice(0);
    while (this.#accepter) await this.#accepter;
    await Promise.all(queued.map((s) => s.waitClosed()));
  }

  #startAccepting(): void {
    if (this.#accepting || this.#closed || this.#error) return;
    if (this.#queue.length >= this.#backlog) return;
    this.#accepting = true;
    const accepter: Promise<void> = this.#acceptLoop().finally(() => {
      // Cleared as the loop exits, not a microtask later, so accept() can restart it.
      if (this.#accepter === accepter) this.#accepter = null;
    });
    this.#accepter = accepter;
  }

  /**
   * Accepts until the queue reaches the backlog; `accept()` restarts it. `#accepting` is cleared
   * in this function's own `finally`, in the same step as the decision to stop (see `TcpSocket`'s
   * pumps): one microtask later, an `accept()` in between would not restart it, and the listener
   * would never accept again once its queue had been full.
   */
  async #acceptLoop(): Promise<void> {
    try {
      while (!this.#closed && this.#queue.length < this.#backlog) {
        let conn: Deno.TcpConn;
        try {
          conn = await this.#listener.accept();
        } catch (error) {
          if (!this.#closed) {
            this.#error = _fromNative(error, "accept");
            this.#watchers.notify();
          }
          return;
        }
        if (this.#closed) {
          conn.close();
          return;
        }
        const remote = conn.remoteAddr as Deno.NetAddr;
        this.#queue.push(
          new TcpSocket(
            conn,
            { hostname: remote.hostname, port: remote.port },
            this.#socketOptions,
          ),
        );
        this.#watchers.notify();
      }
    } finally {
      this.#accepting = false;
    }
  }
}

/**
 * Listens on `host:port` over real TCP, non-blocking.
 *
 * @param port The port; 0 lets the system pick a free one (read it from `localAddress.port`).
 * @param host The address to bind, `127.0.0.1` by default.
 * @param options Backlog and buffer sizes.
 * @returns The listening socket.
 * @example
 * ```ts
 * import { listenTcp } from "@course/lib";
 * const listener = listenTcp(0);
 * console.log(listener.readable); // false: nobody has connected
 * listener.close();
 * await listener.waitClosed();
 * ```
 */
export function listenTcp(
  port: number,
  host = "127.0.0.1",
  options: TcpListenerOptions = {},
): TcpListener {
  let listener: Deno.TcpListener;
  try {
    listener = Deno.listen({ hostname: host, port, transport: "tcp" });
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new AddressInUseError(host, port, { cause: error });
    }
    throw error;
  }
  return new TcpListener(listener, options);
}

/**
 * The real network: TCP on this machine, behind the same {@link Network}
 * interface as a {@link SimNetwork}. The default wherever a network is optional.
 *
 * @example
 * ```ts
 * import { tcp } from "@course/lib";
 * const listener = tcp.listen(0);
 * listener.close();
 * await listener.waitClosed();
 * ```
 */
export const tcp: Network = {
  listen: (port: number, host = "127.0.0.1", options: { backlog?: number } = {}) =>
    listenTcp(port, host, options),
  connect: (port: number, host = "127.0.0.1") => connectTcp(port, host),
};
