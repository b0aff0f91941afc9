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
import { AddressInUseError, ConnectionRefusedError, ConnectionResetError } from "./errors.ts";
import { SimListener } from "./sim_listener.ts";
import { type Link, SimSocket } from "./sim_socket.ts";
import type { Network } from "./types.ts";

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

  /**
   * Makes a network with no listeners yet.
   * @param options Latency, bandwidth, seed, jitter, buffer size, loop.
   */
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
    if (this.#listeners.has(port)) throw new AddressInUseError(host, port);
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
