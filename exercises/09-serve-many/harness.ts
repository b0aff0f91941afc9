/**
 * The clients of `09-serve-many` and the reference server: ten clients (and,
 * later, a second wave) connect over a simulated network with 100 ms latency
 * to a `serve(listener)` that answers each request after a 1 s lookup.
 *
 * @module
 */
import {
  type Coroutine,
  fail,
  gather,
  getRunningLoop,
  type ListeningSocket,
  runOnVirtualClock,
  SimNetwork,
  sleep,
  type StreamSocket,
} from "@course/lib";

/** The learner's function. */
export type Serve = (listener: ListeningSocket) => Coroutine<void>;

function* answer(sock: StreamSocket): Coroutine<void> {
  const loop = getRunningLoop();
  const request = yield* loop.sockRecv(sock, 1024);
  yield* sleep(1);
  yield* loop.sockSendall(sock, request);
  sock.close();
}

/** The reference server: one task per client. */
export const referenceServe: Serve = function* (listener) {
  const loop = getRunningLoop();
  for (;;) {
    const [sock] = yield* loop.sockAccept(listener);
    loop.createTask(answer(sock));
  }
};

const GIVE_UP = 120; // virtual seconds a client waits for its answer

/** One client: sends its request and returns when the answer is back (null if it never was). */
function* client(network: SimNetwork, request: string): Coroutine<number | null> {
  const loop = getRunningLoop();
  const sock = yield* loop.sockConnect("sim", 7, { network });
  yield* loop.sockSendall(sock, new TextEncoder().encode(request));
  let reply = "";
  const deadline = loop.time() + GIVE_UP;
  while (reply.length < request.length && loop.time() < deadline) {
    if (!sock.readable) {
      yield* sleep(0.01); // poll, so that a server that never answers cannot hang the check
      continue;
    }
    const chunk = sock.recv(1024);
    if (chunk.length === 0) break;
    reply += new TextDecoder().decode(chunk);
  }
  sock.close();
  if (reply !== request) return null;
  return loop.time();
}

/**
 * Runs `serve` against waves of ten clients, the wave `w` starting at `5w` seconds.
 *
 * @param serve The server to run.
 * @param waves How many waves.
 * @returns Per wave, each client's answer time (null: wrong or no answer).
 */
export async function runWaves(serve: Serve, waves = 1): Promise<(number | null)[][]> {
  const run = await runOnVirtualClock(function* () {
    const loop = getRunningLoop();
    const network = new SimNetwork({ latency: 0.1 });
    const listener = network.listen(7);
    const server = loop.createTask(serve(listener), { name: "serve" });
    const results: (number | null)[][] = [];
    for (let w = 0; w < waves; w++) {
      yield* sleep(5 * w - loop.time());
      if (server.done()) {
        const error = server.exception() as Error | null;
        fail(
          `serve stopped${
            error ? ` with ${error.name}: ${error.message}` : ""
          }; it must run forever`,
        );
      }
      const clients = Array.from(
        { length: 10 },
        (_, i) => client(network, `wave ${w}, client ${i}`),
      );
      results.push(yield* gather(...clients));
    }
    server.cancel();
    listener.close();
    yield* sleep(0); // let the cancellation reach serve
    return results;
  }, { name: "serve(listener)" });
  return run.value;
}
