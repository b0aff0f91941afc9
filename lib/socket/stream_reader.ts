/**
 * `StreamReader`, asyncio's buffered reader over a socket: `read(n)`,
 * `readline()`, `readExactly(n)`, `readUntil(sep)`, `atEof()` (asyncio's
 * `readexactly`, `readuntil` and `at_eof`, in camelCase). Each read is a
 * coroutine (`yield* reader.readline()`); when the buffer lacks what it needs it
 * does what `sockRecv` does (`#fill`): waits until the socket is readable (a
 * `ReadyWaiter` that keeps watching between waits, as a reader waits once per
 * message), then takes what has arrived with `recv`. An idle connection costs nothing.
 *
 * Back-pressure on the reading side comes for free: the reader takes bytes from
 * the socket only when asked, and a socket whose receive buffer is full stops
 * reading from the network, so a fast sender is slowed down by TCP itself.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { getRunningLoop } from "../loop/running.ts";
import { IncompleteReadError, LimitOverrunError } from "./errors.ts";
import { EVENT_READ } from "./events.ts";
import { ReadyWaiter } from "./sock_ops.ts";
import type { StreamSocket } from "./types.ts";

const EMPTY = new Uint8Array(0);
const RECV_SIZE = 64 * 1024;
const NEWLINE = new Uint8Array([0x0a]);
const encoder = new TextEncoder();

/** Options of a {@link StreamReader}. */
export interface StreamReaderOptions {
  /** The longest line `readline`/`readuntil` accept, in bytes (asyncio's `limit`). Default 64 KiB. */
  limit?: number;
  /** The loop; the running loop by default. */
  loop?: EventLoop;
}

/**
 * Reads bytes, lines and exact-size records from a stream socket.
 *
 * @example
 * ```ts
 * import { EventLoop, openConnection, startServer, type StreamReader, type StreamWriter } from "@course/lib";
 * const loop = new EventLoop();
 * const line = await loop.runUntilComplete((function* () {
 *   const server = yield* startServer(function* (_r: StreamReader, w: StreamWriter) {
 *     w.write("hello\nworld\n");
 *     yield* w.drain();
 *   }, "127.0.0.1", 0);
 *   const [reader, writer] = yield* openConnection("127.0.0.1", server.port);
 *   const first = yield* reader.readline();
 *   writer.close();
 *   yield* writer.waitClosed();
 *   server.close();
 *   yield* server.waitClosed();
 *   return new TextDecoder().decode(first);
 * })());
 * console.log(line); // "hello\n"
 * ```
 */
export class StreamReader {
  #sock: StreamSocket;
  #loop: EventLoop;
  #limit: number;
  #buffer: Uint8Array = EMPTY;
  #eof = false;
  #ready: ReadyWaiter;

  /**
   * Usually made by {@link openConnection} or {@link startServer}.
   * @param sock The connected socket to read from.
   * @param options `limit` and `loop`.
   */
  constructor(sock: StreamSocket, options: StreamReaderOptions = {}) {
    this.#sock = sock;
    this.#loop = options.loop ?? getRunningLoop();
    this.#limit = options.limit ?? 64 * 1024;
    this.#ready = new ReadyWaiter(this.#loop, sock, EVENT_READ);
  }

  /** Bytes received and buffered here, not yet read. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /**
   * True when the buffer is empty and the peer has closed its side: no read will return data again.
   * @returns Whether the stream is at its end.
   */
  atEof(): boolean {
    return this.#eof && this.#buffer.length === 0;
  }

  /**
   * Reads up to `n` bytes (all of them until end of file when `n` is -1, the default).
   * Returns as soon as some bytes are there.
   * @param n The most bytes; -1 for everything until end of file.
   * @returns The bytes; empty only at end of file.
   */
  *read(n = -1): Coroutine<Uint8Array> {
    if (n === 0) return EMPTY;
    if (n < 0) {
      while (!this.#eof) yield* this.#fill();
      return this.#take(this.#buffer.length);
    }
    if (this.#buffer.length === 0 && !this.#eof) yield* this.#fill();
    return this.#take(Math.min(n, this.#buffer.length));
  }

  /**
   * Reads exactly `n` bytes (asyncio's `readexactly`).
   * @param n How many bytes.
   * @returns Exactly `n` bytes.
   * @throws {IncompleteReadError} If the stream ends first (`partial` holds what came).
   */
  *readExactly(n: number): Coroutine<Uint8Array> {
    while (this.#buffer.length < n) {
      if (this.#eof) throw new IncompleteReadError(this.#take(this.#buffer.length), n);
      yield* this.#fill();
    }
    return this.#take(n);
  }

  /**
   * Reads up to and including `separator` (asyncio's `readuntil`).
   * @param separator The bytes (or text) that end a record; `"\n"` by default.
   * @returns The record, separator included.
   * @throws {IncompleteReadError} If the stream ends first (`partial` holds what came).
   * @throws {LimitOverrunError} If `limit` bytes arrive without a separator (they stay buffered).
   */
  *readUntil(separator: Uint8Array | string = "\n"): Coroutine<Uint8Array> {
    const sep = typeof separator === "string" ? encoder.encode(separator) : separator;
    if (sep.length === 0) throw new RangeError("the separator must not be empty");
    let from = 0;
    for (;;) {
      const at = indexOf(this.#buffer, sep, from);
      if (at >= 0) {
        const end = at + sep.length;
        if (end > this.#limit) {
          throw new LimitOverrunError("separator found but the record exceeds the limit", end);
        }
        return this.#take(end);
      }
      if (this.#buffer.length > this.#limit) {
        throw new LimitOverrunError("separator not found within the limit", this.#buffer.length);
      }
      if (this.#eof) throw new IncompleteReadError(this.#take(this.#buffer.length), null);
      // Search only the new bytes next time (minus a separator's worth that may straddle).
      from = Math.max(0, this.#buffer.length - sep.length + 1);
      yield* this.#fill();
    }
  }

  /**
   * Reads one line, newline included. At end of file returns what is left (maybe no newline, maybe empty).
   * @returns The line.
   * @throws {LimitOverrunError} If a line is longer than `limit`.
   */
  *readline(): Coroutine<Uint8Array> {
    try {
      return yield* this.readUntil(NEWLINE);
    } catch (error) {
      if (error instanceof IncompleteReadError) return error.partial;
      throw error;
    }
  }

  /** Waits until the socket is readable, then takes what it has: `sockRecv`, into the buffer. */
  *#fill(): Coroutine<void> {
    while (!this.#sock.readable) yield* this.#ready.wait();
    this.#receive();
  }

  /** Appends what the readable socket has received to the buffer, or notes end of file. */
  #receive(): void {
    const data = this.#sock.recv(RECV_SIZE);
    if (data.length === 0) {
      this.#eof = true;
      this.#ready.close(); // nothing more will come to wait for
    } else if (this.#buffer.length === 0) {
      this.#buffer = data;
    } else {
      const joined = new Uint8Array(this.#buffer.length + data.length);
      joined.set(this.#buffer);
      joined.set(data, this.#buffer.length);
      this.#buffer = joined;
    }
  }

  #take(n: number): Uint8Array {
    if (n === 0) return EMPTY;
    const buffer = this.#buffer;
    if (n === buffer.length) {
      this.#buffer = EMPTY; // all of it: no views to make (the usual case for an echo)
      return buffer;
    }
    this.#buffer = buffer.subarray(n);
    return buffer.subarray(0, n);
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  if (needle.length === 1) return haystack.indexOf(needle[0], from);
  const last = haystack.length - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
