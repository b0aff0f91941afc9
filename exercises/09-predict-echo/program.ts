/**
 * The program of `09-predict-echo`, run for real on the simulated network so
 * that the expected answers are measured, not typed by hand: ten clients each
 * send three lines one at a time, over 100 ms of latency, to a concurrent
 * server and to the notebook's one-at-a-time server.
 *
 * @module
 */
import {
  type Coroutine,
  echoStream,
  EventLoop,
  gather,
  getRunningLoop,
  type ListeningSocket,
  openConnection,
  SimNetwork,
  startServer,
} from "@course/lib";

const CLIENTS = 10;
const LINES = 3;

/** One client: three lines, each sent after the previous echo came back; returns when done. */
function* client(network: SimNetwork, i: number): Coroutine<number> {
  const [reader, writer] = yield* openConnection("sim", 7, { network });
  for (let line = 0; line < LINES; line++) {
    writer.write(`client ${i}, line ${line}\n`);
    yield* reader.readline();
  }
  writer.close();
  return getRunningLoop().time();
}

/** The notebook's `oneAtATime` server, as shown in the chapter. */
function* oneAtATime(listener: ListeningSocket, count: number): Coroutine<void> {
  const loop = getRunningLoop();
  for (let served = 0; served < count; served++) {
    const [sock] = yield* loop.sockAccept(listener);
    for (let data = yield* loop.sockRecv(sock, 1024); data.length > 0;) {
      yield* loop.sockSendall(sock, data);
      data = yield* loop.sockRecv(sock, 1024);
    }
    sock.close();
  }
}

/**
 * Runs the ten clients against one kind of server.
 *
 * @param kind `"concurrent"` (startServer) or `"one-at-a-time"`.
 * @returns The virtual time when the last client had its third echo.
 */
export async function lastEcho(kind: "concurrent" | "one-at-a-time"): Promise<number> {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  try {
    return await loop.runUntilComplete((function* () {
      const clients = () =>
        gather(...Array.from({ length: CLIENTS }, (_, i) => client(network, i)));
      if (kind === "concurrent") {
        const server = yield* startServer(echoStream, "sim", 7, { network });
        const times = yield* clients();
        server.close();
        return Math.max(...times);
      }
      const listener = network.listen(7);
      const server = loop.createTask(oneAtATime(listener, CLIENTS));
      const times = yield* clients();
      yield* server;
      listener.close();
      return Math.max(...times);
    })());
  } finally {
    loop.close();
  }
}
