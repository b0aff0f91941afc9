/**
 * The reference per-event step of `09-selector-echo`, and the harness that
 * runs a step as a selector server with clients on a simulated network.
 *
 * @module
 */
import {
  type Coroutine,
  EVENT_READ,
  EVENT_WRITE,
  fail,
  gather,
  getRunningLoop,
  type ListeningSocket,
  runOnVirtualClock,
  Selector,
  type SelectorKey,
  SimNetwork,
  sleep,
  type StreamSocket,
  type VirtualRun,
} from "@course/lib";

/** What each connection's key carries: the bytes still to echo. */
export type Unsent = { unsent: Uint8Array };
/** The learner's function. */
export type HandleEvent = (
  selector: Selector<Unsent | null>,
  key: SelectorKey<Unsent | null>,
  events: number,
) => void;

/** The reference step: queue what was read, send what fits, watch for writability meanwhile. */
export const referenceHandleEvent: HandleEvent = (selector, key, events) => {
  if (key.data === null) {
    const [sock] = (key.fileobj as ListeningSocket).accept();
    selector.register(sock, EVENT_READ, { unsent: new Uint8Array(0) });
    return;
  }
  const sock = key.fileobj as StreamSocket;
  const state = key.data;
  if (events & EVENT_READ) {
    const data = sock.recv(65536);
    if (data.length === 0) {
      selector.unregister(sock);
      sock.close();
      return;
    }
    const all = new Uint8Array(state.unsent.length + data.length);
    all.set(state.unsent);
    all.set(data, state.unsent.length);
    state.unsent = all;
  }
  if (events & EVENT_WRITE && state.unsent.length > 0) {
    state.unsent = state.unsent.subarray(sock.send(state.unsent));
  }
  selector.modify(sock, state.unsent.length > 0 ? EVENT_READ | EVENT_WRITE : EVENT_READ);
};

/** What one client saw. */
export interface ClientOutcome {
  /** Bytes it sent. */
  sent: number;
  /** Bytes that came back. */
  got: number;
  /** Whether every byte came back equal and in order. */
  intact: boolean;
  /** Virtual time when it was done (or gave up). */
  doneAt: number;
}

/** What a run of the harness found. */
export interface HarnessResult {
  /** One outcome per client. */
  clients: ClientOutcome[];
  /** Sockets still registered at the end, besides the listener. */
  leftRegistered: number;
  /** Sockets the server accepted that are not closed at the end. */
  leftOpen: number;
}

const GIVE_UP = 30; // virtual seconds a client waits for its echo

/** A client: sends `size` patterned bytes, starts reading the echo half a second later, then closes. */
function* client(network: SimNetwork, size: number, seed: number): Coroutine<ClientOutcome> {
  const loop = getRunningLoop();
  const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7) % 251);
  const sock = yield* loop.sockConnect("sim", 7, { network });
  const sending = loop.createTask(loop.sockSendall(sock, payload));
  let got = 0, intact = true;
  yield* sleep(0.5); // a slow reader: the echo backs up in the server's buffers meanwhile
  const deadline = loop.time() + GIVE_UP;
  while (got < size && loop.time() < deadline) {
    if (!sock.readable) {
      yield* sleep(0.01); // poll, so that a server that never answers cannot hang the check
      continue;
    }
    const chunk = sock.recv(65536);
    if (chunk.length === 0) break;
    for (const byte of chunk) intact &&= byte === payload[got++];
  }
  sending.cancel();
  sock.close();
  return { sent: size, got, intact: intact && got === size, doneAt: loop.time() };
}

/**
 * Runs `handleEvent` as the server of a selector loop, with clients sending
 * `sizes[i]` bytes each over a network with `bufferSize`-byte buffers.
 *
 * @param handleEvent The step to run for each ready key.
 * @param sizes Bytes per client.
 * @param bufferSize The network's buffer size.
 * @returns The run on the virtual clock.
 */
export function runHarness(
  handleEvent: HandleEvent,
  sizes: number[],
  bufferSize = 1024,
): Promise<VirtualRun<HarnessResult>> {
  return runOnVirtualClock(function* () {
    const loop = getRunningLoop();
    const network = new SimNetwork({ latency: 0.05, bufferSize });
    const listener = network.listen(7);
    const selector = new Selector<Unsent | null>();
    selector.register(listener, EVENT_READ, null);
    const accepted: StreamSocket[] = [];
    let stop = false;
    const server = loop.createTask(
      (function* () {
        while (!stop) {
          for (const [key, events] of yield* selector.select(0.05)) {
            const before = selector.getMap().size;
            try {
              handleEvent(selector, key, events);
            } catch (error) {
              const { name, message } = error as Error;
              const why = name === "BlockingIOError"
                ? " (a full send buffer: keep the bytes and wait until the socket is writable)"
                : "";
              fail(`handleEvent threw ${name}: ${message}${why}`);
            }
            if (key.data === null && selector.getMap().size > before) {
              accepted.push([...selector.getMap().keys()].at(-1) as StreamSocket);
            }
          }
        }
      })(),
      { name: "selector server" },
    );
    const clients = yield* gather(...sizes.map((size, i) => client(network, size, i)));
    yield* sleep(0.5); // let the server see every end of file
    stop = true;
    yield* server;
    listener.close();
    return {
      clients,
      leftRegistered: selector.getMap().size - 1,
      leftOpen: accepted.filter((s) => !s.closed).length,
    };
  }, { name: "the selector server" });
}
