/**
 * A real TCP connection on the loopback, made non-blocking and readiness-based
 * the way a selector loop expects, on top of Deno's promise-based TCP API.
 *
 * How it maps onto a selector loop, in plain words. In Python the kernel owns a
 * receive buffer and a send buffer per socket; `select()` asks the kernel which
 * buffers have data or room, and `recv`/`send` copy bytes out of or into them
 * without ever waiting. Deno has no `select()`: it only offers "read into this
 * buffer and tell me when done" (a promise). So this class plays the kernel's
 * part in user space:
 *
 * - It always keeps one native `conn.read()` outstanding. When it completes,
 *   the bytes go into the socket's receive buffer and the socket becomes
 *   *readable*; its watchers are told. When the receive buffer is full it stops
 *   reading, so the peer's writes back up through TCP, as with a full kernel buffer.
 * - `send()` copies bytes into a bounded send buffer and returns at once; a
 *   background `conn.write()` empties it. Below the limit the socket is *writable*.
 * - `recv()` and `send()` never wait: with nothing to do they throw
 *   {@link BlockingIOError}, as a non-blocking Python socket does.
 *
 * The teaching loop waits for readiness: a watcher calls
 * `loop.callSoonThreadsafe(...)`, which wakes the loop's idle wait. That idle
 * wait (an `await`) is the moment Deno's runtime polls the operating system
 * (epoll, through tokio) and completes native reads and writes: the same place
 * where a Python selector loop calls `select()`.
 *
 * @module
 */
import {
  _fromNative,
  BlockingIOError,
  BrokenPipeError,
  ConnectionRefusedError,
  SocketClosedError,
} from "./errors.ts";
import type { Address, StreamSocket } from "./types.ts";
import { Watchers } from "./watchers.ts";
import { takeBytes } from "./_bytes.ts";
import { ReadArena } from "./_read_arena.ts";

/** Buffer sizes of a {@link TcpSocket}, in bytes. */
export interface TcpSocketOptions {
  /** The most bytes held received but not yet `recv`'d; reading pauses above it. Default 64 KiB. */
  recvBufferSize?: number;
  /** The most bytes `send` accepts before the network has taken them. Default 64 KiB. */
  sendBufferSize?: number;
  /**
   * The most bytes asked for by one native read. Reads start at 1 KiB (or this, if smaller) and
   * double, up to this, whenever one fills its buffer: a chatty connection with short messages
   * keeps a small buffer, which matters with 10,000 of them. Default 16 KiB.
   */
  readSize?: number;
}

const EMPTY = new Uint8Array(0);
const INITIAL_READ_SIZE = 1024;
const INITIAL_WRITE_SIZE = 1024;

/**
 * A non-blocking TCP socket over a `Deno.TcpConn`: `recv`, `send`,
 * `shutdownWrite`, `close`, with readiness (`readable`, `writable`, `watch`).
 * Make one with {@link connectTcp} or take one from {@link TcpListener.accept}.
 *
 * @example
 * ```ts
 * import { connectTcp, listenTcp } from "@course/lib";
 * const listener = listenTcp(0);
 * const client = connectTcp(listener.localAddress.port);
 * console.log(client.connected); // false: a non-blocking connect is under way
 * client.abort();
 * listener.close();
 * await Promise.all([client.waitClosed(), listener.waitClosed()]);
 * ```
 */
export class TcpSocket implements StreamSocket {
  /** Real TCP: readiness comes from Deno's native I/O. */
  readonly native = true;
  #conn: Deno.TcpConn | null = null;
  #watchers = new Watchers();
  #recvChunks: Uint8Array[] = [];
  #recvBuffered = 0;
  #eof = false;
  #error: Error | null = null;
  #reading = false;
  #readArena: ReadArena | null = null;
  #writeBuffer: Uint8Array | null = null;
  #sendChunks: Uint8Array[] = [];
  #sendBuffered = 0;
  #writing = false;
  #shutdownAsked = false;
  #shutdownDone = false;
  #closed = false;
  #connClosed = false;
  #connecting: Promise<void> | null = null;
  /** The read pump's promise, kept for `waitClosed` (meaningful while `#reading`). */
  #reader: Promise<void> | null = null;
  /** Resolved when the write pump stops; made only when `waitClosed` waits for it. */
  #writeStopped: PromiseWithResolvers<void> | null = null;
  /** What the native write in progress (or the next one) still has to write. */
  #writeRest: Uint8Array = EMPTY;
  #localAddress: Address = { hostname: "", port: 0 };
  #remoteAddress: Address;
  readonly #recvBufferSize: number;
  readonly #sendBufferSize: number;
  readonly #readSize: number;

  /**
   * Use {@link connectTcp} or {@link TcpListener} instead.
   * @param source An open connection, or a pending `Deno.connect`.
   * @param remote The peer's address.
   * @param options Buffer sizes.
   */
  constructor(
    source: Deno.TcpConn | Promise<Deno.TcpConn>,
    remote: Address,
    options: TcpSocketOptions = {},
  ) {
    this.#recvBufferSize = options.recvBufferSize ?? 64 * 1024;
    this.#sendBufferSize = options.sendBufferSize ?? 64 * 1024;
    this.#readSize = options.readSize ?? 16 * 1024;
    this.#remoteAddress = remote;
    if (source instanceof Promise) {
      this.#connecting = source.then(
        (conn) => this.#attach(conn),
        (error) => {
          this.#error = error instanceof Deno.errors.ConnectionRefused
            ? new ConnectionRefusedError(
              `connect to ${remote.hostname}:${remote.port}: connection refused`,
              { cause: error },
            )
            : _fromNative(error, "connect");
          this.#watchers.notify();
        },
      ).finally(() => {
        this.#connecting = null;
      });
    } else {
      this.#attach(source);
    }
  }

  #attach(conn: Deno.TcpConn): void {
    if (this.#closed) {
      // Closed while the connect was under way: nothing left to do with it.
      conn.close();
      this.#connClosed = true;
      return;
    }
    this.#conn = conn;
    conn.setNoDelay(true); // small echoes go out at once, no Nagle wait
    this.#localAddress = { hostname: conn.localAddr.hostname, port: conn.localAddr.port };
    this.#remoteAddress = { hostname: conn.remoteAddr.hostname, port: conn.remoteAddr.port };
    this.#startReading();
    if (this.#sendBuffered > 0 || this.#shutdownAsked) this.#startWriting();
    this.#watchers.notify();
  }

  /** True once the connection is established. */
  get connected(): boolean {
    return this.#conn !== null;
  }

  /** True when `recv` would not block: data, end of file, an error, or closed. */
  get readable(): boolean {
    return this.#recvBuffered > 0 || this.#eof || this.#error !== null || this.#closed;
  }

  /**
   * True when `send` would not block: connected with room in the send buffer, or an error to
   * report. After `shutdownWrite()` that error is `BrokenPipeError`, so a waiting sender wakes
   * and fails at once, as a send after `SHUT_WR` fails with `EPIPE` on Linux.
   */
  get writable(): boolean {
    return this.#error !== null || this.#closed || this.#shutdownAsked ||
      (this.#conn !== null && this.#sendBuffered < this.#sendBufferSize);
  }

  /** The error that ended the connection, if any. */
  get error(): Error | null {
    return this.#error;
  }

  /** True once `close()` or `abort()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Bytes received and not yet taken by `recv`. */
  get recvBuffered(): number {
    return this.#recvBuffered;
  }

  /** Bytes accepted by `send` and not yet written to the connection. */
  get sendBuffered(): number {
    return this.#sendBuffered;
  }

  /** This end's address (port 0 until connected). */
  get localAddress(): Address {
    return this.#localAddress;
  }

  /** The peer's address. */
  get remoteAddress(): Address {
    return this.#remoteAddress;
  }

  /**
   * Calls `listener` whenever readiness may have changed.
   * @param listener What to call.
   * @returns A function that stops the calls.
   */
  watch(listener: () => void): () => void {
    return this.#watchers.add(listener);
  }

  /**
   * Takes up to `n` received bytes, as many as are buffered (joined into one array when they
   * arrived in several reads); an empty array means end of file.
   * @param n The most bytes to take.
   * @returns The bytes, or an empty array at end of file.
   * @throws {BlockingIOError} When nothing has arrived yet.
   * @throws {ConnectionResetError} When the connection failed and no data is left.
   */
  recv(n: number): Uint8Array {
    if (this.#closed) throw new SocketClosedError("recv");
    if (this.#recvBuffered === 0) {
      if (this.#error) throw this.#error;
      if (this.#eof) return EMPTY;
      throw new BlockingIOError("recv");
    }
    const out = takeBytes(this.#recvChunks, n);
    this.#recvBuffered -= out.length;
    // Room again in the receive buffer: let the native reads resume.
    if (!this.#reading) this.#startReading();
    return out;
  }

  /**
   * Copies as much of `data` as fits into the send buffer.
   * @param data The bytes to send.
   * @returns How many bytes were accepted.
   * @throws {BlockingIOError} When not yet connected or the send buffer is full.
   * @throws {BrokenPipeError} After `shutdownWrite()`, or when the connection failed.
   */
  send(data: Uint8Array): number {
    if (this.#closed) throw new SocketClosedError("send");
    if (this.#error) throw this.#error;
    if (this.#shutdownAsked) throw new BrokenPipeError("send after shutdownWrite");
    if (data.length === 0) return 0;
    const room = this.#conn === null ? 0 : this.#sendBufferSize - this.#sendBuffered;
    if (room <= 0) throw new BlockingIOError("send");
    const n = Math.min(room, data.length);
    const bytes = n === data.length ? data : data.subarray(0, n);
    this.#sendBuffered += n;
    // The bytes are copied, as the kernel copies them: the caller may reuse its array at once.
    // An idle write pump, started here, copies them into its write buffer before this returns;
    // while it is busy they wait in the queue, as a copy of their own.
    if (this.#writing) {
      this.#sendChunks.push(bytes.slice());
    } else {
      this.#sendChunks.push(bytes);
      this.#startWriting();
    }
    return n;
  }

  /**
   * After the send buffer empties, sends end of file to the peer; reading goes on. From now on
   * `send` raises {@link BrokenPipeError} (and the socket counts as writable, so that nobody
   * waits to send).
   */
  shutdownWrite(): void {
    if (this.#closed) throw new SocketClosedError("shutdownWrite");
    if (this.#shutdownAsked) return;
    this.#shutdownAsked = true;
    if (this.#conn && !this.#writing) this.#startWriting();
    this.#watchers.notify(); // a sender waiting for room must now fail instead
  }

  /** Closes; bytes already accepted by `send` are still written first, then the connection closes. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#recvChunks = [];
    this.#recvBuffered = 0;
    this.#watchers.notify(); // waiters re-check and see the socket closed
    if (!this.#writing) this.#closeConn();
  }

  /** Closes at once, dropping unsent bytes. */
  abort(): void {
    this.#sendChunks = [];
    this.#sendBuffered = 0;
    this.close();
    this.#closeConn();
  }

  /**
   * Settles when the connection is closed and no native read, write or connect is pending.
   * @returns A promise that resolves once closed.
   */
  async waitClosed(): Promise<void> {
    // Each of these settles without throwing; loop because a pump may restart meanwhile.
    while (this.#connecting || this.#reading || this.#writing) {
      await (this.#connecting ?? (this.#reading ? this.#reader : this.#writeStoppedPromise()));
    }
  }

  #writeStoppedPromise(): Promise<void> {
    this.#writeStopped ??= Promise.withResolvers<void>();
    return this.#writeStopped.promise;
  }

  #closeConn(): void {
    if (this.#connClosed || this.#conn === null) return;
    this.#connClosed = true;
    try {
      this.#conn.close();
    } catch { /* already closed by the runtime */ }
  }

  // The two pumps below share one rule, and the course's lost wake-ups came from breaking it:
  // a pump's flag (`#reading`, `#writing`) is cleared in the very synchronous step in which the
  // pump decides to stop, inside the async function that does the native `await`s. Cleared one
  // microtask later (in a caller's `finally` after `await pump()`), it is stale for a moment in
  // which the loop may run whole turns: its idle wait was woken by the pump's own `notify()`,
  // and that wake-up is queued first. A `send()` or `recv()` in those turns sees the flag still
  // set, does not start a pump, and its bytes (or the room it made) wait forever. Watchers only
  // *schedule* a check (`callSoonThreadsafe`), so nothing they trigger runs before the `finally`.

  #startReading(): void {
    if (this.#reading || !this.#conn || !this.#mayRead()) return;
    this.#reading = true;
    this.#reader = this.#readLoop(this.#conn);
  }

  /** Whether the read pump should go on: room in the receive buffer and the connection open. */
  #mayRead(): boolean {
    return !this.#eof && this.#error === null && !this.#closed &&
      this.#recvBuffered < this.#recvBufferSize;
  }

  /** Reads until the receive buffer is full or the connection ends; `recv()` restarts it. */
  async #readLoop(conn: Deno.TcpConn): Promise<void> {
    // Each read lands after the last one's bytes, which stay theirs (see _read_arena.ts).
    const arena = this.#readArena ??= new ReadArena(INITIAL_READ_SIZE, this.#readSize);
    try {
      while (this.#mayRead()) {
        let n: number | null;
        try {
          n = await conn.read(arena.space());
        } catch (error) {
          // A read interrupted by our own close is the normal way a closed socket's read ends.
          if (!this.#closed) {
            this.#error ??= _fromNative(error, "recv");
            this.#watchers.notify();
          }
          return;
        }
        if (this.#closed) return; // bytes after close() are dropped, as the kernel would
        if (n === null) {
          this.#eof = true;
          this.#watchers.notify();
          return;
        }
        this.#recvChunks.push(arena.take(n));
        this.#recvBuffered += n;
        this.#watchers.notify();
      }
    } finally {
      this.#reading = false; // in the same step as the decision to stop: see above
    }
  }

  #startWriting(): void {
    if (this.#writing || !this.#conn) return;
    this.#writing = true;
    // The pump runs up to its first native write at once, inside this call. A chain of
    // callbacks bound once per socket, not an async function: speed work, see lib/README.md.
    this.#writeNext();
  }

  /** Starts the next native write; with nothing left, sends a pending half-close or stops. */
  #writeNext(): void {
    const conn = this.#conn!;
    if (this.#writeRest.length === 0) {
      // Everything queued goes out in one native write; sends made meanwhile queue up behind.
      if (this.#sendChunks.length === 0 || this.#connClosed) {
        if (this.#shutdownAsked && !this.#shutdownDone && !this.#connClosed && !this.#error) {
          this.#shutdownDone = true;
          conn.closeWrite().then(this.#stopWriting, this.#onShutdownFailed);
        } else this.#stopWriting();
        return;
      }
      this.#writeRest = this.#takeQueued();
    }
    conn.write(this.#writeRest).then(this.#onWritten, this.#onWriteFailed);
  }

  #onWritten = (n: number): void => {
    if (this.#connClosed) return this.#stopWriting(); // aborted meanwhile: the queue is gone
    const wasFull = this.#sendBuffered >= this.#sendBufferSize;
    this.#sendBuffered -= n;
    const rest = this.#writeRest;
    this.#writeRest = n === rest.length ? EMPTY : rest.subarray(n);
    // Senders wait only while the buffer is full: leaving "full" is the one change to report.
    if (wasFull && this.#sendBuffered < this.#sendBufferSize) this.#watchers.notify();
    this.#writeNext();
  };

  #onWriteFailed = (error: unknown): void => {
    if (!this.#connClosed) {
      this.#error ??= _fromNative(error, "send");
      this.#sendChunks = [];
      this.#sendBuffered = 0;
      this.#watchers.notify();
    }
    this.#stopWriting();
  };

  #onShutdownFailed = (error: unknown): void => {
    if (!this.#connClosed) this.#error ??= _fromNative(error, "shutdownWrite");
    this.#stopWriting();
  };

  /** The write pump stops: in the same step as the decision to stop (see above). */
  #stopWriting = (): void => {
    this.#writing = false;
    this.#writeRest = EMPTY;
    if (this.#closed) this.#closeConn(); // a close() that waited for the last bytes
    const stopped = this.#writeStopped;
    if (stopped !== null) {
      this.#writeStopped = null;
      stopped.resolve();
    }
  };

  /**
   * Moves every queued chunk into this socket's write buffer and returns the filled part. The
   * buffer is reused, write after write, and grows (up to the send buffer's size) only when more
   * is queued. Speed work for `deno task bench echo`: see lib/README.md.
   */
  #takeQueued(): Uint8Array {
    const chunks = this.#sendChunks;
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    let buffer = this.#writeBuffer;
    if (buffer === null || buffer.length < total) {
      let size = INITIAL_WRITE_SIZE;
      while (size < total) size *= 2;
      buffer = this.#writeBuffer = new Uint8Array(size);
    }
    let at = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, at);
      at += chunk.length;
    }
    chunks.length = 0; // the same array again next time: one allocation less per write
    return buffer.subarray(0, total);
  }
}

/**
 * Starts a non-blocking connect to `host:port` over real TCP. The socket is
 * returned at once; it becomes writable when connected, or readable and
 * writable with `error` set when the connect fails.
 *
 * @param port The port to connect to.
 * @param host The host, `127.0.0.1` by default.
 * @param options Buffer sizes.
 * @returns The connecting socket.
 * @example
 * ```ts
 * import { connectTcp } from "@course/lib";
 * const sock = connectTcp(1); // nothing listens on port 1
 * await new Promise<void>((resolve) => sock.watch(resolve));
 * console.log(sock.error?.name); // "ConnectionRefusedError"
 * sock.close();
 * await sock.waitClosed();
 * ```
 */
export function connectTcp(
  port: number,
  host = "127.0.0.1",
  options: TcpSocketOptions = {},
): TcpSocket {
  return new TcpSocket(
    Deno.connect({ hostname: host, port, transport: "tcp" }),
    { hostname: host, port },
    options,
  );
}
