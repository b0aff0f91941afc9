/**
 * The errors a socket or stream raises, named after the Python exceptions that
 * asyncio raises in the same places so that the book's vocabulary carries over.
 *
 * @module
 */

/**
 * A non-blocking operation found nothing to do: `recv` with an empty receive
 * buffer, `send` with a full send buffer, `accept` with no pending connection.
 * Python raises `BlockingIOError` (errno `EAGAIN`) in the same places; wait for
 * readiness (a {@link Selector}, or `loop.sockRecv`) and try again.
 *
 * @example
 * ```ts
 * import { BlockingIOError } from "@course/lib";
 * console.log(new BlockingIOError("recv").name); // "BlockingIOError"
 * ```
 */
export class BlockingIOError extends Error {
  /**
   * Makes the error for `operation`.
   * @param operation The operation that would have blocked.
   */
  constructor(operation: string) {
    super(`${operation} would block: resource temporarily unavailable`);
    this.name = "BlockingIOError";
  }
}

/**
 * The base of connection failures, as Python's `ConnectionError`.
 *
 * @example
 * ```ts
 * import { ConnectionError, ConnectionResetError } from "@course/lib";
 * console.log(new ConnectionResetError() instanceof ConnectionError); // true
 * ```
 */
export class ConnectionError extends Error {
  /**
   * Makes the error.
   * @param message What happened.
   * @param options Standard error options, e.g. `{ cause }` for the native error.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConnectionError";
  }
}

/**
 * The peer reset the connection (a TCP RST): unread data on either side is lost.
 *
 * @example
 * ```ts
 * import { ConnectionResetError } from "@course/lib";
 * console.log(new ConnectionResetError().message); // "connection reset by peer"
 * ```
 */
export class ConnectionResetError extends ConnectionError {
  /**
   * Makes the error.
   * @param message What happened.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message = "connection reset by peer", options?: ErrorOptions) {
    super(message, options);
    this.name = "ConnectionResetError";
  }
}

/**
 * Nothing listens on the address that was connected to.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError } from "@course/lib";
 * console.log(new ConnectionRefusedError().name); // "ConnectionRefusedError"
 * ```
 */
export class ConnectionRefusedError extends ConnectionError {
  /**
   * Makes the error.
   * @param message What happened.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message = "connection refused", options?: ErrorOptions) {
    super(message, options);
    this.name = "ConnectionRefusedError";
  }
}

/**
 * Writing to a connection whose peer has gone (or whose sending side was shut down).
 *
 * @example
 * ```ts
 * import { BrokenPipeError } from "@course/lib";
 * console.log(new BrokenPipeError().name); // "BrokenPipeError"
 * ```
 */
export class BrokenPipeError extends ConnectionError {
  /**
   * Makes the error.
   * @param message What happened.
   * @param options Standard error options, e.g. `{ cause }`.
   */
  constructor(message = "broken pipe", options?: ErrorOptions) {
    super(message, options);
    this.name = "BrokenPipeError";
  }
}

/**
 * The socket was used after `close()`, like Python's `OSError: [Errno 9] Bad file descriptor`.
 *
 * @example
 * ```ts
 * import { SocketClosedError } from "@course/lib";
 * console.log(new SocketClosedError("recv").message); // "recv on a closed socket"
 * ```
 */
export class SocketClosedError extends Error {
  /**
   * Makes the error for `operation`.
   * @param operation The operation that was attempted.
   */
  constructor(operation: string) {
    super(`${operation} on a closed socket`);
    this.name = "SocketClosedError";
  }
}

/**
 * The stream ended before `readExactly(n)` or `readUntil(sep)` (asyncio's `readexactly`, `readuntil`) found what it needed;
 * `partial` holds the bytes that did arrive (as asyncio's `IncompleteReadError`).
 *
 * @example
 * ```ts
 * import { IncompleteReadError } from "@course/lib";
 * const e = new IncompleteReadError(new Uint8Array([1, 2]), 4);
 * console.log(e.partial.length, e.expected); // 2 4
 * ```
 */
export class IncompleteReadError extends Error {
  /** The bytes read before the end of the stream. */
  readonly partial: Uint8Array;
  /** How many bytes were expected, or `null` when reading up to a separator. */
  readonly expected: number | null;
  /**
   * Makes the error.
   * @param partial The bytes read before the end of the stream.
   * @param expected How many bytes were wanted, `null` if a separator was.
   */
  constructor(partial: Uint8Array, expected: number | null) {
    super(
      `${partial.length} bytes read before the end of the stream, ` +
        (expected === null ? "no separator found" : `${expected} expected`),
    );
    this.name = "IncompleteReadError";
    this.partial = partial;
    this.expected = expected;
  }
}

/**
 * `readUntil`/`readline` found no separator within the reader's `limit` bytes;
 * the data stays buffered (as asyncio's `LimitOverrunError`).
 *
 * @example
 * ```ts
 * import { LimitOverrunError } from "@course/lib";
 * console.log(new LimitOverrunError("no newline", 65536).consumed); // 65536
 * ```
 */
export class LimitOverrunError extends Error {
  /** How many bytes were buffered when the limit was hit. */
  readonly consumed: number;
  /**
   * Makes the error.
   * @param message What happened.
   * @param consumed How many bytes were buffered.
   */
  constructor(message: string, consumed: number) {
    super(message);
    this.name = "LimitOverrunError";
    this.consumed = consumed;
  }
}

/**
 * Listening on an address that is already taken (Python's `OSError` with errno
 * `EADDRINUSE`, "address already in use"). Pick another port, or port 0.
 *
 * @example
 * ```ts
 * import { AddressInUseError, SimNetwork } from "@course/lib";
 * const network = new SimNetwork();
 * network.listen(80);
 * try {
 *   network.listen(80);
 * } catch (error) {
 *   console.log(error instanceof AddressInUseError); // true
 * }
 * ```
 */
export class AddressInUseError extends Error {
  /**
   * Makes the error for `host:port`.
   * @param host The host that was asked for.
   * @param port The port that is taken.
   * @param options Standard error options, e.g. `{ cause }` for the native error.
   */
  constructor(host: string, port: number, options?: ErrorOptions) {
    super(
      `address already in use: ${host}:${port} (choose another port, or 0 for any free one)`,
      options,
    );
    this.name = "AddressInUseError";
  }
}

/**
 * A {@link Selector} was asked to register a socket twice, or about a socket it
 * does not watch (Python's selectors raise `KeyError` in both cases).
 *
 * @example
 * ```ts
 * import { EVENT_READ, listenTcp, Selector, SelectorKeyError } from "@course/lib";
 * const selector = new Selector();
 * const listener = listenTcp(0);
 * try {
 *   selector.unregister(listener);
 * } catch (error) {
 *   console.log(error instanceof SelectorKeyError); // true
 * }
 * listener.close();
 * await listener.waitClosed();
 * ```
 */
export class SelectorKeyError extends Error {
  /**
   * Makes the error.
   * @param message What was wrong with the key.
   */
  constructor(message: string) {
    super(message);
    this.name = "SelectorKeyError";
  }
}

/**
 * Translates a native Deno network error into the Python-named error above.
 *
 * @param error What Deno threw.
 * @param operation What was being done, for the message.
 * @returns The matching {@link ConnectionError}, or `error` itself if none matches.
 * @ignore
 */
export function _fromNative(error: unknown, operation: string): Error {
  const options = { cause: error };
  if (error instanceof Deno.errors.ConnectionReset) {
    return new ConnectionResetError(`${operation}: connection reset by peer`, options);
  }
  if (error instanceof Deno.errors.ConnectionRefused) {
    return new ConnectionRefusedError(`${operation}: connection refused`, options);
  }
  if (error instanceof Deno.errors.BrokenPipe) {
    return new BrokenPipeError(`${operation}: broken pipe`, options);
  }
  if (error instanceof Deno.errors.ConnectionAborted) {
    return new ConnectionResetError(`${operation}: connection aborted`, options);
  }
  return error instanceof Error ? error : new Error(String(error));
}
