/**
 * `StreamWriter`, asyncio's writer over a socket: `write()` never waits, it
 * hands bytes to the socket and keeps what does not fit; `drain()` is where a
 * writer waits when too much is kept (back-pressure with high and low water
 * marks); `close()`, `waitClosed()`, `writeEof()` (half-close), `abort()`.
 *
 * The water marks: once more than `highWater` bytes wait here, `drain()`
 * suspends the writer until they fall to `lowWater`. A server that calls
 * `drain()` after each write therefore stops reading from a client that never
 * reads its replies, instead of piling the replies up in memory.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import type { Future } from "../coroutine/future.ts";
import { getRunningLoop } from "../loop/running.ts";
import { SocketClosedError } from "./errors.ts";
import { EVENT_WRITE } from "./events.ts";
import { _awaitPromise, ReadyWaiter } from "./sock_ops.ts";
import type { Address, StreamSocket } from "./types.ts";

const encoder = new TextEncoder();

/** Options of a {@link StreamWriter}. */
export interface StreamWriterOptions {
  /** `drain()` waits once more than this many bytes are buffered. Default 64 KiB. */
  highWater?: number;
  /** ...until they fall to this many. Default a quarter of `highWater`. */
  lowWater?: number;
  /** The loop; the running loop by default. */
  loop?: EventLoop;
}

/**
 * Writes bytes (or text, as UTF-8) to a stream socket, with back-pressure.
 *
 * @example
 * ```ts
 * // See StreamReader's example: `writer.write("hello\n"); yield* writer.drain();`.
 * ```
 */
export class StreamWriter {
  #sock: StreamSocket;
  #loop: EventLoop;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #paused = false;
  #drainWaiters: Future<void>[] = [];
  #closedWaiters: Future<void>[] = [];
  #ready: ReadyWaiter;
  #waitingOn: Future<void> | null = null;
  #closing = false;
  #eofAsked = false;
  #handedOver = false;
  readonly #highWater: number;
  readonly #lowWater: number;

  /**
   * Usually made by {@link openConnection} or {@link startServer}.
   * @param sock The connected socket to write to.
   * @param options Water marks and loop.
   */
  constructor(sock: StreamSocket, options: StreamWriterOptions = {}) {
    this.#sock = sock;
    this.#loop = options.loop ?? getRunningLoop();
    this.#highWater = options.highWater ?? 64 * 1024;
    this.#lowWater = options.lowWater ?? Math.floor(this.#highWater / 4);
    if (this.#lowWater > this.#highWater) {
      throw new RangeError("lowWater must not exceed highWater");
    }
    this.#ready = new ReadyWaiter(this.#loop, sock, EVENT_WRITE);
  }

  /** The socket underneath (asyncio's `transport`, roughly). */
  get socket(): StreamSocket {
    return this.#sock;
  }

  /** Bytes written here and not yet taken by the socket (asyncio's `transport.get_write_buffer_size()`). */
  get bufferSize(): number {
    return this.#pendingBytes;
  }

  /** The high and low water marks, in bytes. */
  get waterMarks(): { high: number; low: number } {
    return { high: this.#highWater, low: this.#lowWater };
  }

  /** The peer's address (asyncio's `get_extra_info("peername")`). */
  get remoteAddress(): Address {
    return this.#sock.remoteAddress;
  }

  /** This end's address (asyncio's `get_extra_info("sockname")`). */
  get localAddress(): Address {
    return this.#sock.localAddress;
  }

  /**
   * Queues `data` for sending; never waits. Follow with `yield* writer.drain()`.
   * After the connection failed, bytes are dropped and `drain()` reports the error.
   * @param data Bytes, or text sent as UTF-8.
   * @throws {SocketClosedError} After `close()`, `abort()` or `writeEof()`.
   */
  write(data: Uint8Array | string): void {
    if (this.#closing || this.#eofAsked) throw new SocketClosedError("write");
    let bytes = typeof data === "string" ? encoder.encode(data) : data;
    if (bytes.length === 0 || this.#sock.error) return;
    if (this.#pendingBytes === 0 && this.#sock.writable) {
      const n = this.#sock.send(bytes);
      if (n === bytes.length) return;
      bytes = bytes.subarray(n);
    }
    this.#pending.push(bytes.slice()); // our own copy: the caller may reuse its array
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes > this.#highWater) this.#paused = true;
    this.#watch();
  }

  /**
   * Writes several chunks in order.
   * @param chunks The chunks.
   */
  writeLines(chunks: Iterable<Uint8Array | string>): void {
    for (const chunk of chunks) this.write(chunk);
  }

  /**
   * Waits while more than `highWater` bytes are buffered, until `lowWater` is reached.
   * Returns at once otherwise.
   * @returns A coroutine to `yield*`.
   * @throws {ConnectionResetError} (or another error) if the connection failed.
   */
  *drain(): Coroutine<void> {
    if (this.#sock.error) throw this.#sock.error;
    if (!this.#paused) return;
    const waiter = this.#loop.createFuture<void>();
    this.#drainWaiters.push(waiter);
    yield* waiter;
  }

  /**
   * Whether `writeEof()` is supported: always, for TCP and simulated sockets.
   * @returns `true`.
   */
  canWriteEof(): boolean {
    return true;
  }

  /** Half-close: once buffered bytes are sent, tells the peer no more data follows; reading goes on. */
  writeEof(): void {
    if (this.#eofAsked || this.#closing) return;
    this.#eofAsked = true;
    if (this.#pendingBytes === 0) this.#handOver();
  }

  /** Closes once every buffered byte is sent. Follow with `yield* writer.waitClosed()`. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#pendingBytes === 0) this.#handOver();
  }

  /**
   * Whether `close()` or `abort()` was called.
   * @returns `true` once closing.
   */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Closes at once, dropping buffered bytes; waiting `drain()` calls fail. */
  abort(): void {
    this.#closing = true;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#sock.abort();
    this.#settle(new SocketClosedError("write"));
  }

  /**
   * Waits until the connection is closed and the socket has released everything.
   * @returns A coroutine to `yield*`.
   */
  *waitClosed(): Coroutine<void> {
    if (!this.#sock.closed) {
      const waiter = this.#loop.createFuture<void>();
      this.#closedWaiters.push(waiter);
      yield* waiter;
    }
    yield* _awaitPromise(this.#loop, this.#sock.waitClosed());
  }

  // While bytes wait here, wait for the socket to be writable, then flush: the same wait as a
  // task's, with a done callback in place of the task.
  #watch(): void {
    if (this.#waitingOn !== null) return;
    const ready = this.#waitingOn = this.#ready.wait();
    ready.addDoneCallback(this.#flushWhenReady);
  }

  #unwatch(): void {
    this.#waitingOn = null;
    this.#ready.close();
  }

  #flushWhenReady = (ready: Future<void>): void => {
    if (ready !== this.#waitingOn) return; // a wait given up by #unwatch
    this.#waitingOn = null;
    this.#flush();
  };

  #flush(): void {
    const sock = this.#sock;
    if (sock.error || sock.closed) {
      this.#pending = [];
      this.#pendingBytes = 0;
      if (this.#closing && !sock.closed) sock.close();
      this.#settle(sock.error ?? new SocketClosedError("write"));
      return;
    }
    while (this.#pending.length > 0 && sock.writable) {
      const chunk = this.#pending[0];
      const n = sock.send(chunk);
      this.#pendingBytes -= n;
      if (n === chunk.length) this.#pending.shift();
      else this.#pending[0] = chunk.subarray(n);
    }
    if (this.#paused && this.#pendingBytes <= this.#lowWater) {
      this.#paused = false;
      for (const waiter of this.#drainWaiters.splice(0)) if (!waiter.done()) waiter.setResult();
    }
    if (this.#pendingBytes === 0) {
      this.#unwatch();
      if (this.#closing || this.#eofAsked) this.#handOver();
    } else {
      this.#watch();
    }
  }

  // Every byte is with the socket: pass on the half-close or close.
  #handOver(): void {
    if (this.#handedOver && !this.#closing) return;
    this.#handedOver = true;
    if (this.#closing) {
      if (!this.#sock.closed) this.#sock.close();
      this.#settle(null);
    } else if (!this.#sock.closed) {
      this.#sock.shutdownWrite();
    }
  }

  // The socket is gone or closing: nothing more will be flushed.
  #settle(error: Error | null): void {
    this.#unwatch();
    this.#paused = false;
    for (const waiter of this.#drainWaiters.splice(0)) {
      if (!waiter.done()) error ? waiter.setException(error) : waiter.setResult();
    }
    if (this.#sock.closed) {
      for (const waiter of this.#closedWaiters.splice(0)) if (!waiter.done()) waiter.setResult();
    }
  }
}
