/**
 * `SimSocket`: one end of a connection on a {@link SimNetwork}, the simulated
 * twin of `TcpSocket` (see sim_network.ts for the model of latency, bandwidth,
 * flow control and faults).
 *
 * @module
 */
import {
  BlockingIOError,
  BrokenPipeError,
  ConnectionResetError,
  SocketClosedError,
} from "./errors.ts";
import type { SimNetwork } from "./sim_network.ts";
import type { Address, StreamSocket } from "./types.ts";
import { Watchers } from "./watchers.ts";
import { takeBytes } from "./_bytes.ts";

/**
 * What links two simulated sockets: fault state shared by both directions.
 * @ignore
 */
export interface Link {
  /** The connection went silent: nothing arrives any more. */
  dropped: boolean;
  /** Nothing arrives before this loop time. */
  stalledUntil: number;
}

const EMPTY = new Uint8Array(0);

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
    if (peer) this.#network._loop.callLater(this.#network.latency, () => peer.#windowOpened());
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

  #windowOpened(): void {
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
      peer.#deliver(segment);
    };
    loop.callAt(at, arrive);
  }

  #deliver(segment: Uint8Array | null): void {
    if (this.#closed || this.#error) return; // nobody reads any more: dropped
    if (segment === null) this.#eof = true;
    else {
      this.#recv.push(segment);
      this.#recvBuffered += segment.length;
    }
    this.#watchers.notify();
  }
}
