import {
  type ComputePool,
  type Coroutine,
  countPrimes,
  Future,
  getRunningLoop,
  type ListeningSocket,
  type StreamSocket,
} from "@course/lib";

// One client: "ping" gets "pong"; "primes n" gets the number of primes below n, counted in a Worker.
function* handle(sock: StreamSocket, pool: ComputePool): Coroutine<void> {
  const loop = getRunningLoop();
  const request = new TextDecoder().decode(yield* loop.sockRecv(sock, 1024)).trim();
  let reply = "pong";
  if (request.startsWith("primes ")) {
    const n = Number(request.slice("primes ".length));
    reply = String(yield* Future.fromPromise(pool.run(countPrimes, n))); // the loop stays free
  }
  yield* loop.sockSendall(sock, new TextEncoder().encode(`${reply}\n`));
  sock.close();
}

// Accept clients forever; each one is its own task.
function* serve(listener: ListeningSocket, pool: ComputePool): Coroutine<void> {
  const loop = getRunningLoop();
  for (;;) {
    const [sock] = yield* loop.sockAccept(listener);
    yield* handle(sock, pool); // Workers, but one client at a time
  }
}
