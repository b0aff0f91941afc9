/**
 * A simulated network on the loop's clock: sockets with exactly the interface
 * of the real ones, whose bytes take `latency` seconds to cross and
 * `size / bandwidth` seconds to put on the wire. On a virtual-clock loop an
 * exercise with ten clients and 100 ms of latency runs instantly and ends at
 * an exact, repeatable virtual time.
 *
 * The model, kept small enough to reason about:
 * - Connecting takes one round trip: the server can `accept` after one
 *   `latency` (the SYN arrived), the client is connected after two.
 *   Connecting to a port nobody listens on fails after a round trip.
 * - Each direction of a connection is its own link: a send leaves when the
 *   link is free, occupies it `bytes / bandwidth` seconds, arrives `latency`
 *   (plus optional seeded `jitter`) later, never overtaking earlier bytes.
 * - Flow control: at most `bufferSize` bytes may be in flight or unread at the
 *   receiver; the sender's own buffer holds another `bufferSize`. A reader
 *   that never reads therefore stops the writer, as TCP's window does.
 * - Faults on request: {@link SimNetwork.reset} (both ends see a reset),
 *   {@link SimNetwork.drop} (the connection goes silent, nothing arrives
 *   any more), {@link SimNetwork.stall} (nothing arrives for a while).
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running.ts";
import {
  BlockingIOError,
  BrokenPipeError,
  ConnectionRefusedError,
  ConnectionResetError,
  SocketClosedError,
} from "./errors.ts";
import type { Address, ListeningSocket, Network, StreamSocket } from "./types.ts";
import { Watchers } from "./watchers.ts";
import { takeBytes } from "./_bytes.ts";

/** Options of a {@link SimNetwork}. */
export interface SimNetworkOptions {
  /** One-way delay in seconds. Default 0.05. */
  latency?: number;
  /** Bytes per second on each direction of each connection. Default `Infinity`. */
  bandwidth?: number;
  /** Seed of the random jitter, so that runs repeat exactly. Default 1. */
  seed?: number;
  /** Extra delay per send, uniform in [0, jitter) seconds. Default 0. */
  jitter?: number;
  /** Per-socket send buffer and receive window, in bytes. Default 64 KiB. */
  bufferSize?: number;
  /** The loop whose clock times the network; the running loop by default. */
  loop?: EventLoop;
}

const EMPTY = new Uint8Array(0);

/** What links two simulated sockets: fault state shared by both directions. */
interface Link {
  dropped: boolean;
  stalledUntil: number;
}

/**
 * A simulated network. `listen(port)` and `connect(port)` return sockets that
 * behave like {@link TcpListener} and {@link TcpSocket}, so the loop's
 * `sock*` methods, the {@link Selector} and the streams work on them unchanged
 * (pass `{ network }` to `openConnection`, `startServer`, `loop.sockConnect`).
 *
 * @example
 * ```ts
 * import { EventLoop, SimNetwork } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const network = new SimNetwork({ latency: 0.1 });
 * const t = await loop.runUntilComplete((function* () {
 *   const listener = network.listen(80);
 *   const client = yield* loop.sockConnect("sim", 80, { network });
 *   listener.close();
 *   client.close();
 *   return loop.time();
 * })());
 * console.log(t); // 0.2: connecting took one round trip
 * ```
 */
export class SimNetwork implements Network {
  /** One-way delay, seconds. */
  readonly latency: number;
  /** Bytes per second per direction. */
  readonly bandwidth: number;
  /** Extra random delay per send, seconds. */
  readonly jitter: number;
  /** Send buffer and receive window per socket, bytes. */
  readonly bufferSize: number;
  #loop: EventLoop | null;
  #listeners = new Map<number, SimListener>();
  #nextPort = 40000;
  #random: () => number;

  /** @param options Latency, bandwidth, seed, jitter, buffer size, loop. */
  constructor(options: SimNetworkOptions = {}) {
    this.latency = options.latency ?? 0.05;
    this.bandwidth = options.bandwidth ?? Infinity;
    this.jitter = options.jitter ?? 0;
    this.bufferSize = options.bufferSize ?? 64 * 1024;
    if (!(this.latency >= 0) || !(this.bandwidth > 0) || !(this.jitter >= 0)) {
      throw new RangeError("latency and jitter must be >= 0, bandwidth > 0");
    }
    this.#loop = options.loop ?? null;
    this.#random = mulberry32(options.seed ?? 1);
  }

  /** @ignore */
  get _loop(): EventLoop {
    return this.#loop ?? getRunningLoop();
  }

  /** @ignore */
  _delay(): number {
    return this.latency + (this.jitter > 0 ? this.#random() * this.jitter : 0);
  }

  /**
   * Listens on `port` (0 picks a free one).
   * @param port The port.
   * @param host Ignored but kept in addresses; `"sim"` by default.
   * @param options `backlog`, default 1024.
   * @returns The listening socket.
   */
  listen(port: number, host = "sim", options: { backlog?: number } = {}): SimListener {
    if (port === 0) { while (this.#listeners.has(port = this.#nextPort++)); }
    if (this.#listeners.has(port)) throw new Error(`address already in use: ${host}:${port}`);
    const listener = new SimListener(this, { hostname: host, port }, options.backlog ?? 1024);
    this.#listeners.set(port, listener);
    return listener;
  }

  /**
   * Starts a connect to `port`; the socket becomes writable one round trip later.
   * @param port The port.
   * @param host Ignored but kept in addresses.
   * @returns The connecting socket.
   */
  connect(port: number, host = "sim"): SimSocket {
    const loop = this._loop;
    const link: Link = { dropped: false, stalledUntil: 0 };
    const client = new SimSocket(this, link, { hostname: "sim", port: this.#nextPort++ }, {
      hostname: host,
      port,
    });
    const oneWay = this._delay();
    loop.callLater(oneWay, () => {
      const listener = this.#listeners.get(port);
      if (!listener || !listener._offer(client)) {
        loop.callLater(this._delay(), () => client._fail(new ConnectionRefusedError()));
        return;
      }
      loop.callLater(this._delay(), () => client._connect());
    });
    return client;
  }

  /**
   * Resets the connection of `sock`: it fails now, its peer one latency later.
   * @param sock Either end of a simulated connection.
   */
  reset(sock: SimSocket): void {
    sock._fail(new ConnectionResetError());
    const peer = sock._peer;
    if (peer) this._loop.callLater(this._delay(), () => peer._fail(new ConnectionResetError()));
  }

  /**
   * Drops the connection of `sock` silently: from now on nothing arrives in
   * either direction, and neither end is told (until an idle timeout notices).
   * @param sock Either end of a simulated connection.
   */
  drop(sock: SimSocket): void {
    sock._link.dropped = true;
  }

  /**
   * Stalls the connection of `sock`: nothing arrives in either direction for
   * `seconds`; what was sent meanwhile arrives afterwards, in order.
   * @param sock Either end of a simulated connection.
   * @param seconds How long.
   */
  stall(sock: SimSocket, seconds: number): void {
    sock._link.stalledUntil = Math.max(sock._link.stalledUntil, this._loop.time() + seconds);
  }

  /** @ignore */
  _unlisten(port: number): void {
    this.#listeners.delete(port);
  }
}

/** A listening socket of a {@link SimNetwork}. */
export class SimListener implements ListeningSocket {
  /** Simulated: the loop's timers drive readiness. */
  readonly native = false;
  #network: SimNetwork;
  #address: Address;
  #backlog: number;
  #queue: SimSocket[] = [];
  #watchers = new Watchers();
  #closed = false;

  /**
   * Use {@link SimNetwork.listen}.
   * @param network The network.
   * @param address The bound address.
   * @param backlog The most pending connections.
   */
  constructor(network: SimNetwork, address: Address, backlog: number) {
    this.#network = network;
    this.#address = address;
    this.#backlog = backlog;
  }

  /** The bound address. */
  get localAddress(): Address {
    return this.#address;
  }
  /** True while a connection waits to be accepted. */
  get readable(): boolean {
    return this.#queue.length > 0 || this.#closed;
  }
  /** Never writable. */
  get writable(): boolean {
    return false;
  }
  /** True once closed. */
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
   * Takes the next pending connection.
   * @returns The socket and the peer's address.
   * @throws {BlockingIOError} When none is pending.
   */
  accept(): [SimSocket, Address] {
    if (this.#closed) throw new SocketClosedError("accept");
    const sock = this.#queue.shift();
    if (!sock) throw new BlockingIOError("accept");
    return [sock, sock.remoteAddress];
  }

  /** Stops listening; pending connections are reset. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#network._unlisten(this.#address.port);
    for (const sock of this.#queue.splice(0)) sock.abort();
    this.#watchers.notify();
  }

  /**
   * Nothing native to wait for.
   * @returns A resolved promise.
   */
  waitClosed(): Promise<void> {
    return Promise.resolve();
  }

  /** A SYN arrived: queue the server end, or refuse. @ignore */
  _offer(client: SimSocket): boolean {
    if (this.#closed || this.#queue.length >= this.#backlog) return false;
    const server = new SimSocket(this.#network, client._link, this.#address, client.localAddress);
    server._pair(client);
    this.#queue.push(server);
    this.#watchers.notify();
    return true;
  }
}

/** One end of a simulated connection, with the interface of {@link TcpSocket}. */
export class SimSocket implements StreamSocket {
  /** Simulated: the loop's timers drive readiness. */
  readonly native = false;
  /** @ignore */
  _peer: SimSocket | null = null;
  /** @ignore */
  readonly _link: Link;
  #network: SimNetwork;
  #local: Address;
  #remote: Address;
  #watchers = new Watchers();
  #connected = false;
  #recv: Uint8Array[] = [];
  #recvBuffered = 0;
  #eof = false;
  #send: Uint8Array[] = [];
  #sendBuffered = 0;
  #inFlight = 0;
  #linkFreeAt = 0;
  #lastArrival = 0;
  #finAsked = false;
  #finSent = false;
  #closed = false;
  #error: Error | null = null;

  /**
   * Use {@link SimNetwork.connect} or {@link SimListener.accept}.
   * @param network The network.
   * @param link The connection's shared fault state.
   * @param local This end's address.
   * @param remote The peer's address.
   */
  constructor(network: SimNetwork, link: Link, local: Address, remote: Address) {
    this.#network = network;
    this._link = link;
    this.#local = local;
    this.#remote = remote;
  }

  /** @ignore */
  _pair(client: SimSocket): void {
    this._peer = client;
    client._peer = this;
    this.#connected = true;
  }

  /** @ignore */
  _connect(): void {
    if (this.#closed || this.#error) return;
    this.#connected = true;
    this.#watchers.notify();
    this.#pump();
  }

  /** @ignore */
  _fail(error: Error): void {
    if (this.#closed || this.#error) return;
    this.#error = error;
    this.#send = [];
    this.#sendBuffered = 0;
    this.#watchers.notify();
  }

  /** True once connected. */
  get connected(): boolean {
    return this.#connected;
  }
  /** True when `recv` would not block. */
  get readable(): boolean {
    return this.#recvBuffered > 0 || this.#eof || this.#error !== null || this.#closed;
  }
  /** True when `send` would not block, or would raise at once (an error, or after `shutdownWrite`). */
  get writable(): boolean {
    return this.#error !== null || this.#closed || this.#finAsked ||
      (this.#connected && this.#sendBuffered < this.#network.bufferSize);
  }
  /** The error that ended the connection, if any. */
  get error(): Error | null {
    return this.#error;
  }
  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }
  /** Bytes received, not yet taken. */
  get recvBuffered(): number {
    return this.#recvBuffered;
  }
  /** Bytes accepted by `send`, not yet on the wire. */
  get sendBuffered(): number {
    return this.#sendBuffered;
  }
  /** This end's address. */
  get localAddress(): Address {
    return this.#local;
  }
  /** The peer's address. */
  get remoteAddress(): Address {
    return this.#remote;
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
   * Takes up to `n` received bytes, as many as are buffered; empty at end of file.
   * @param n The most bytes.
   * @returns The bytes.
   * @throws {BlockingIOError} When nothing has arrived.
   */
  recv(n: number): Uint8Array {
    if (this.#closed) throw new SocketClosedError("recv");
    if (this.#recvBuffered === 0) {
      if (this.#error) throw this.#error;
      if (this.#eof) return EMPTY;
      throw new BlockingIOError("recv");
    }
    const out = takeBytes(this.#recv, n);
    this.#recvBuffered -= out.length;
    // The window opens again: the sender hears of it one latency later.
    const peer = this._peer;
    if (peer) this.#network._loop.callLater(this.#network.latency, () => peer._windowOpened());
    return out;
  }

  /**
   * Copies as much of `data` as fits into the send buffer.
   * @param data The bytes.
   * @returns How many were accepted.
   * @throws {BlockingIOError} When the buffer is full or not yet connected.
   */
  send(data: Uint8Array): number {
    if (this.#closed) throw new SocketClosedError("send");
    if (this.#error) throw this.#error;
    if (this.#finAsked) throw new BrokenPipeError("send after shutdownWrite");
    if (data.length === 0) return 0;
    const room = this.#connected ? this.#network.bufferSize - this.#sendBuffered : 0;
    if (room <= 0) throw new BlockingIOError("send");
    const n = Math.min(room, data.length);
    this.#send.push(data.slice(0, n));
    this.#sendBuffered += n;
    this.#pump();
    return n;
  }

  /** Sends end of file once the send buffer is empty; from now on `send` raises {@link BrokenPipeError}. */
  shutdownWrite(): void {
    if (this.#closed) throw new SocketClosedError("shutdownWrite");
    if (this.#finAsked) return;
    this.#finAsked = true;
    this.#pump();
    this.#watchers.notify(); // a sender waiting for room must now fail instead
  }

  /** Closes; buffered bytes still go out, then end of file. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#finAsked = true;
    this.#recv = [];
    this.#recvBuffered = 0;
    this.#watchers.notify();
    this.#pump();
  }

  /** Closes at once; the peer sees a reset one latency later. */
  abort(): void {
    if (this.#closed && this.#finSent) return;
    const wasOpen = !this.#error;
    this.#send = [];
    this.#sendBuffered = 0;
    this.#finSent = true;
    this.close();
    const peer = this._peer;
    if (wasOpen && peer && !this._link.dropped) {
      this.#network._loop.callLater(
        this.#network._delay(),
        () => peer._fail(new ConnectionResetError()),
      );
    }
  }

  /**
   * Nothing native to wait for.
   * @returns A resolved promise.
   */
  waitClosed(): Promise<void> {
    return Promise.resolve();
  }

  /** @ignore */
  _windowOpened(): void {
    this.#pump();
  }

  // Puts as much of the send buffer on the wire as the peer's window allows.
  #pump(): void {
    const peer = this._peer;
    if (!this.#connected || !peer || this.#error) return;
    const network = this.#network;
    const loop = network._loop;
    const window = network.bufferSize - this.#inFlight - peer.recvBuffered;
    if (this.#sendBuffered > 0 && window > 0) {
      const wasFull = this.#sendBuffered >= network.bufferSize;
      const segment = takeBytes(this.#send, Math.min(window, this.#sendBuffered));
      this.#sendBuffered -= segment.length;
      this.#inFlight += segment.length;
      const start = Math.max(loop.time(), this.#linkFreeAt);
      this.#linkFreeAt = start + segment.length / network.bandwidth;
      this.#transmit(segment);
      if (wasFull) this.#watchers.notify();
    }
    if (this.#finAsked && !this.#finSent && this.#sendBuffered === 0) {
      this.#finSent = true;
      this.#transmit(null);
    }
  }

  // Schedules one segment (or, for null, the end-of-file mark) to arrive at the peer.
  #transmit(segment: Uint8Array | null): void {
    const network = this.#network;
    const loop = network._loop;
    const peer = this._peer!;
    const at = Math.max(
      Math.max(loop.time(), this.#linkFreeAt) + network._delay(),
      this.#lastArrival,
    );
    this.#lastArrival = at;
    const arrive = () => {
      if (this._link.dropped) return;
      if (loop.time() < this._link.stalledUntil) {
        loop.callAt(this._link.stalledUntil, arrive);
        return;
      }
      if (segment) this.#inFlight -= segment.length;
      peer._deliver(segment);
    };
    loop.callAt(at, arrive);
  }

  /** @ignore */
  _deliver(segment: Uint8Array | null): void {
    if (this.#closed || this.#error) return; // nobody reads any more: dropped
    if (segment === null) this.#eof = true;
    else {
      this.#recv.push(segment);
      this.#recvBuffered += segment.length;
    }
    this.#watchers.notify();
  }
}

// A small, well-known seeded generator (mulberry32): the same seed, the same jitter.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
