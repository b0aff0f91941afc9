/**
 * The loop's socket operations, asyncio's `loop.sock_recv` and friends: each is
 * a small coroutine that tries the non-blocking operation and, if it would
 * block, suspends the task until the socket is ready, then tries again.
 * `EventLoop` exposes them as `loop.sockRecv(...)` etc.; these are the bodies.
 *
 * Every wait for a socket in this library goes through {@link ReadyWaiter}:
 * `waitReady` here, `StreamReader`, `StreamWriter`, `Selector.select` and,
 * for a loop of one's own, `Selector.wait`. It watches the sockets and, when
 * their readiness may have changed, checks them: on the course's loop through
 * `loop.callSoonThreadsafe` (real sockets tell it from a native promise,
 * outside the loop; simulated ones from a loop timer), and the check resolves
 * the future the task waits on.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Coroutine } from "../coroutine/coroutine.ts";
import { Future } from "../coroutine/future.ts";
import { RuntimeError } from "../loop/errors.ts";
import { EVENT_READ, EVENT_WRITE, readyEvents } from "./events.ts";
import { tcp } from "./tcp_listener.ts";
import type { Address, ListeningSocket, Network, Selectable, StreamSocket } from "./types.ts";

/** A socket and the events to wait for on it: what a `SelectorKey` holds. */
export interface WatchedSocket {
  /** The socket. */
  readonly fileobj: Selectable;
  /** `EVENT_READ`, `EVENT_WRITE`, or both. */
  readonly events: number;
}

/**
 * The one way to wait for sockets: each {@link ReadyWaiter.wait} gives a future
 * that is done once one of the sockets is ready for its events. The watch starts
 * at the first wait that has to wait and stays until {@link ReadyWaiter.close},
 * so a task that waits on one socket again and again (a stream reader, once per
 * message) pays for one future per wait, not a new watch each time.
 * Notifications that come while a check is already scheduled share it.
 *
 * While a wait on a real (native) socket is pending, a virtual-clock loop is
 * kept alive (`keepAlive`): native I/O takes no virtual time, so the loop must
 * wait for it rather than report a deadlock.
 *
 * A loop that is not the course's `EventLoop` (the capstone's) passes `null`
 * for the loop and waits with {@link ReadyWaiter.whenReady} instead.
 *
 * @example
 * ```ts
 * import { EVENT_READ, EventLoop, listenTcp, ReadyWaiter } from "@course/lib";
 * const loop = new EventLoop();
 * const listener = listenTcp(0);
 * const ready = new ReadyWaiter(loop, listener, EVENT_READ);
 * loop.callSoon(() => listener.close()); // a closed socket counts as readable
 * await loop.runUntilComplete(ready.wait());
 * ready.close();
 * await listener.waitClosed();
 * ```
 */
export class ReadyWaiter {
  #loop: EventLoop | null;
  #watched: readonly WatchedSocket[];
  #native: boolean;
  #future: Future<void> | null = null;
  #readyNow: Future<void> | null = null;
  #callback: (() => void) | null = null;
  #stops: (() => void)[] | null = null;
  #checkScheduled = false;

  /**
   * Watches nothing yet: the first {@link wait} that has to wait starts the watch.
   * @param loop The loop the waiting task runs on (`null`: only {@link whenReady} is used).
   * @param fileobj The socket to wait for.
   * @param events `EVENT_READ`, `EVENT_WRITE`, or both.
   */
  constructor(loop: EventLoop | null, fileobj: Selectable, events: number);
  /**
   * Waits for any of several sockets (what `Selector.select` does).
   * @param loop The loop the waiting task runs on (`null`: only {@link whenReady} is used).
   * @param watched Each socket with its events.
   */
  constructor(loop: EventLoop | null, watched: Iterable<WatchedSocket>);
  constructor(loop: EventLoop | null, what: Selectable | Iterable<WatchedSocket>, events = 0) {
    this.#loop = loop;
    this.#watched = Symbol.iterator in what ? [...what] : [{ fileobj: what, events }];
    this.#native = this.#watched.some(({ fileobj }) => fileobj.native);
  }

  /**
   * The future a task waits on until a socket is ready: `yield* ready.wait()` suspends the
   * running task, or goes on at once if a socket is ready already.
   * @returns A future that is done once a socket is ready.
   * @throws {RuntimeError} If another task is waiting already (asyncio's streams refuse two
   *   readers waiting on one stream the same way), or the waiter has no loop.
   */
  wait(): Future<void> {
    const loop = this.#loop;
    if (loop === null) throw new RuntimeError("a ReadyWaiter made without a loop: use whenReady()");
    if (this.#isReady()) {
      if (this.#readyNow === null) {
        this.#readyNow = loop.createFuture<void>();
        this.#readyNow.setResult(undefined);
      }
      return this.#readyNow; // done already: waiting on it takes no turn
    }
    this.#checkIdle();
    this.#watch();
    const future = this.#future = loop.createFuture<void>();
    if (this.#native && loop.clock === "virtual") future.addDoneCallback(loop.keepAlive());
    return future;
  }

  /**
   * Calls `callback` once, as soon as a socket is ready: the wait of a loop
   * of one's own. It is called from the socket's notification, outside any
   * loop, and never when already ready (check that first) or after {@link close}.
   * @param callback What to call.
   * @throws {RuntimeError} If a wait is pending already.
   */
  whenReady(callback: () => void): void {
    this.#checkIdle();
    this.#callback = callback;
    this.#watch();
  }

  /** Stops watching (a later {@link wait} starts again); a wait still pending is cancelled. */
  close(): void {
    if (this.#stops !== null) {
      for (const stop of this.#stops) stop();
      for (const { fileobj, events } of this.#watched) {
        this.#loop?._tracer?.socketWatch(fileobj, events, false);
      }
    }
    this.#stops = null;
    if (this.#future !== null && !this.#future.done()) this.#future.cancel();
    this.#future = null;
    this.#callback = null;
  }

  #checkIdle(): void {
    if (this.#future !== null && !this.#future.done() || this.#callback !== null) {
      throw new RuntimeError("another task is already waiting for this socket");
    }
  }

  #watch(): void {
    if (this.#stops !== null) return;
    this.#stops = this.#watched.map(({ fileobj }) => fileobj.watch(this.#notified));
    for (const { fileobj, events } of this.#watched) {
      this.#loop?._tracer?.socketWatch(fileobj, events, true);
    }
  }

  #isReady(): boolean {
    for (const { fileobj, events } of this.#watched) {
      if (readyEvents(fileobj, events) !== 0) return true;
    }
    return false;
  }

  // Called by a socket, outside the loop: schedule one check on the loop, however many
  // notifications come; without a loop, check now.
  #notified = (): void => {
    if (this.#loop === null) this.#check();
    else if (!this.#checkScheduled) {
      this.#checkScheduled = true;
      this.#loop.callSoonThreadsafe(this.#check);
    }
  };

  // Wake the waiter, if there is one, when a socket is ready now.
  #check = (): void => {
    this.#checkScheduled = false;
    const future = this.#future, callback = this.#callback;
    if (future !== null && !future.done()) {
      if (!this.#isReady()) return;
      this.#future = null;
      future.setResult(undefined);
    } else if (callback !== null && this.#isReady()) {
      this.#callback = null;
      callback();
    }
  };
}

/**
 * Suspends the running task until `fileobj` is ready for one of `events`:
 * a {@link ReadyWaiter} for one wait. Returns at once if it already is.
 *
 * @param loop The running loop.
 * @param fileobj The socket to wait for.
 * @param events `EVENT_READ`, `EVENT_WRITE`, or both.
 * @returns A coroutine that finishes when the socket is ready.
 * @example
 * ```ts
 * import { EVENT_READ, EventLoop, listenTcp, waitReady } from "@course/lib";
 * const loop = new EventLoop();
 * const listener = listenTcp(0);
 * loop.callSoon(() => listener.close()); // a closed socket counts as readable
 * await loop.runUntilComplete(waitReady(loop, listener, EVENT_READ));
 * await listener.waitClosed();
 * ```
 */
export function* waitReady(loop: EventLoop, fileobj: Selectable, events: number): Coroutine<void> {
  const ready = new ReadyWaiter(loop, fileobj, events);
  try {
    yield* ready.wait();
  } finally {
    ready.close();
  }
}

/**
 * Receives up to `n` bytes, waiting until some arrive (asyncio's `loop.sock_recv`).
 *
 * @param loop The running loop.
 * @param sock A connected socket.
 * @param n The most bytes to return.
 * @returns The bytes; an empty array means the peer closed its side.
 * @example
 * ```ts
 * import { EventLoop, listenTcp } from "@course/lib";
 * const loop = new EventLoop();
 * const server = listenTcp(0);
 * const text = await loop.runUntilComplete((function* () {
 *   const client = yield* loop.sockConnect("127.0.0.1", server.localAddress.port);
 *   const [conn] = yield* loop.sockAccept(server);
 *   yield* loop.sockSendall(client, new TextEncoder().encode("hi"));
 *   const data = yield* loop.sockRecv(conn, 1024);
 *   client.close();
 *   conn.close();
 *   return new TextDecoder().decode(data);
 * })());
 * console.log(text); // "hi"
 * server.close();
 * await server.waitClosed();
 * ```
 */
export function* sockRecv(loop: EventLoop, sock: StreamSocket, n: number): Coroutine<Uint8Array> {
  while (!sock.readable) yield* waitReady(loop, sock, EVENT_READ);
  return sock.recv(n);
}

/**
 * Sends all of `data`, waiting whenever the send buffer is full (asyncio's `loop.sock_sendall`).
 * Finishes when every byte is in the socket's send buffer.
 *
 * @param loop The running loop.
 * @param sock A connected socket.
 * @param data The bytes to send.
 * @returns A coroutine that finishes once all bytes are accepted.
 * @see {@link sockRecv}, whose example uses `yield* loop.sockSendall(client, bytes)`.
 */
export function* sockSendall(
  loop: EventLoop,
  sock: StreamSocket,
  data: Uint8Array,
): Coroutine<void> {
  let offset = 0;
  while (offset < data.length) {
    if (!sock.writable) {
      yield* waitReady(loop, sock, EVENT_WRITE);
      continue;
    }
    offset += sock.send(offset === 0 ? data : data.subarray(offset));
  }
}

/**
 * Accepts the next connection, waiting until one comes (asyncio's `loop.sock_accept`).
 *
 * @param loop The running loop.
 * @param listener A listening socket.
 * @returns The connected socket and the peer's address.
 * @see {@link sockRecv}, whose example uses `const [conn, address] = yield* loop.sockAccept(server)`.
 */
export function* sockAccept(
  loop: EventLoop,
  listener: ListeningSocket,
): Coroutine<[StreamSocket, Address]> {
  while (!listener.readable) yield* waitReady(loop, listener, EVENT_READ);
  return listener.accept();
}

/** Options of {@link sockConnect}. */
export interface ConnectOptions {
  /** Where to connect: the real loopback ({@link tcp}, the default) or a {@link SimNetwork}. */
  network?: Network;
}

/**
 * Connects to `host:port`, waiting until the connection is established
 * (asyncio's `loop.sock_connect`, which also creates the socket here).
 *
 * @param loop The running loop.
 * @param host The host to connect to.
 * @param port The port.
 * @param options `network`: real TCP by default.
 * @returns The connected socket.
 * @throws {ConnectionRefusedError} When nothing listens there.
 * @see {@link sockRecv}, whose example uses `const client = yield* loop.sockConnect("127.0.0.1", port)`.
 */
export function* sockConnect(
  loop: EventLoop,
  host: string,
  port: number,
  options: ConnectOptions = {},
): Coroutine<StreamSocket> {
  const sock = (options.network ?? tcp).connect(port, host);
  try {
    while (!sock.writable) yield* waitReady(loop, sock, EVENT_WRITE);
  } catch (error) {
    sock.abort(); // cancelled while connecting: do not leave the socket behind
    throw error;
  }
  if (sock.error) {
    sock.close();
    throw sock.error;
  }
  return sock;
}

/**
 * Waits, inside a task, for a native promise such as `sock.waitClosed()`.
 *
 * @param loop The running loop.
 * @param promise The promise.
 * @returns Its value.
 * @ignore
 */
export function* _awaitPromise<T>(loop: EventLoop, promise: Promise<T>): Coroutine<T> {
  return yield* Future.fromPromise(promise, loop);
}
