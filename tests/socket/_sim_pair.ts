/**
 * A connected pair of simulated sockets on a virtual-clock loop, for tests that
 * need exact times: what one end sends arrives `latency` seconds later.
 *
 * @module
 */
import { type Coroutine, type EventLoop, SimNetwork, type SimSocket } from "@course/lib";

/** The two ends of one simulated connection, and the network they are on. */
export interface SimPair {
  network: SimNetwork;
  /** The end that connected. */
  client: SimSocket;
  /** The end the listener accepted. */
  server: SimSocket;
}

/**
 * Listens, connects and accepts on a fresh network (one round trip of virtual time).
 * @param loop The running virtual-clock loop.
 * @param options `latency` (default 0.1 s) and `bufferSize`.
 */
export function* simPair(
  loop: EventLoop,
  options: { latency?: number; bufferSize?: number } = {},
): Coroutine<SimPair> {
  const network = new SimNetwork({
    latency: options.latency ?? 0.1,
    bufferSize: options.bufferSize,
  });
  const listener = network.listen(1);
  const client = (yield* loop.sockConnect("sim", 1, { network })) as SimSocket;
  const [server] = yield* loop.sockAccept(listener);
  listener.close();
  return { network, client, server: server as SimSocket };
}

/** Whether two times are equal up to rounding. */
export function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
