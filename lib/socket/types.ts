/**
 * The shapes every socket shares, real (TCP on the loopback) or simulated
 * ({@link SimNetwork}), so that the selector, the loop's `sock*` methods and the
 * streams work on either without knowing which.
 *
 * @module
 */

/** A host and port, as a socket's local or remote address. */
export interface Address {
  /** The host, for example `"127.0.0.1"` (or `"sim"` on a simulated network). */
  hostname: string;
  /** The port number. */
  port: number;
}

/**
 * Something whose readiness can be waited for: what a {@link Selector}
 * registers and what `select()` reports on.
 */
export interface Selectable {
  /**
   * True when readiness comes from native I/O outside the loop (real TCP),
   * false when the loop's own timers drive it (a {@link SimNetwork}). A
   * virtual-clock loop waiting on a native socket is kept alive meanwhile.
   */
  readonly native: boolean;
  /** True when a read (`recv` or `accept`) would not block: data, end of file, an error, or a pending connection. */
  readonly readable: boolean;
  /**
   * True when `send` would not block: room in the send buffer, or an error to report (a stream
   * socket after `shutdownWrite()` is writable: `send` raises `BrokenPipeError` at once).
   */
  readonly writable: boolean;
  /**
   * Calls `listener` (with no arguments, outside any loop) whenever readiness may
   * have changed; the listener re-reads `readable`/`writable`.
   * @param listener What to call.
   * @returns A function that stops the calls.
   */
  watch(listener: () => void): () => void;
}

/**
 * A connected, non-blocking stream socket: the operations of Python's
 * `socket.socket` after `setblocking(False)`.
 */
export interface StreamSocket extends Selectable {
  /**
   * Takes up to `n` received bytes: all that are buffered, if fewer (Python's `recv(n)`).
   * Returns an empty array at end of file (the peer shut down its side). Buffered bytes come
   * out before any error.
   * @param n The most bytes to take.
   * @returns The bytes, or an empty array at end of file.
   * @throws {BlockingIOError} When nothing has arrived yet.
   */
  recv(n: number): Uint8Array;
  /**
   * Copies as many bytes of `data` into the send buffer as fit; the socket sends
   * them in the background.
   * @param data The bytes to send.
   * @returns How many bytes were accepted (at least 1 unless `data` is empty).
   * @throws {BlockingIOError} When the send buffer is full.
   */
  send(data: Uint8Array): number;
  /**
   * Half-close: after the send buffer empties, tells the peer "no more data" (Python's
   * `shutdown(SHUT_WR)`). A later `send` raises `BrokenPipeError`, as `EPIPE` on Linux.
   */
  shutdownWrite(): void;
  /** Closes: no more reads or sends; bytes already in the send buffer still go out first. */
  close(): void;
  /** Closes at once, dropping unsent bytes: the peer may see a reset. */
  abort(): void;
  /**
   * Settles when the socket has fully closed and no native operation is left.
   * @returns A promise that resolves once closed.
   */
  waitClosed(): Promise<void>;
  /** True once `close()` or `abort()` was called. */
  readonly closed: boolean;
  /** The error that ended the connection, if any (Python's `SO_ERROR`): a failed connect, a reset. */
  readonly error: Error | null;
  /** True once the connection is established (a non-blocking connect becomes writable then). */
  readonly connected: boolean;
  /** Bytes received and not yet taken by `recv`. */
  readonly recvBuffered: number;
  /** Bytes accepted by `send` and not yet handed to the network. */
  readonly sendBuffered: number;
  /** This end's address. */
  readonly localAddress: Address;
  /** The peer's address. */
  readonly remoteAddress: Address;
}

/** A listening socket: `accept()` takes the next connection the kernel (or simulation) queued. */
export interface ListeningSocket extends Selectable {
  /**
   * Takes the next pending connection.
   * @returns The connected socket and the peer's address.
   * @throws {BlockingIOError} When no connection is pending.
   */
  accept(): [StreamSocket, Address];
  /** Stops listening; connections not yet accepted are closed. */
  close(): void;
  /**
   * Settles when no native operation is left.
   * @returns A promise that resolves once closed.
   */
  waitClosed(): Promise<void>;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** The bound address; its `port` is the real one when port 0 was asked for. */
  readonly localAddress: Address;
}

/**
 * Where sockets come from: the real loopback ({@link tcp}) or a {@link SimNetwork}.
 * The loop's `sockConnect`, `openConnection` and `startServer` take one as an option.
 */
export interface Network {
  /**
   * Starts listening.
   * @param port The port; 0 picks a free one.
   * @param host The address to bind.
   * @param options `backlog`: the most connections waiting to be accepted.
   * @returns The listening socket.
   */
  listen(port: number, host?: string, options?: { backlog?: number }): ListeningSocket;
  /**
   * Starts a non-blocking connect: the socket becomes writable once connected,
   * or readable and writable with `error` set if the connect failed.
   * @param port The port to connect to.
   * @param host The host to connect to.
   * @returns The connecting socket.
   */
  connect(port: number, host?: string): StreamSocket;
}
