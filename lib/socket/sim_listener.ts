/**
 * `SimListener`: the listening socket of a {@link SimNetwork}, the simulated
 * twin of `TcpListener`.
 *
 * @module
 */
import { BlockingIOError, SocketClosedError } from "./errors.ts";
import type { SimNetwork } from "./sim_network.ts";
import { SimSocket } from "./sim_socket.ts";
import type { Address, ListeningSocket } from "./types.ts";
import { Watchers } from "./watchers.ts";

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
