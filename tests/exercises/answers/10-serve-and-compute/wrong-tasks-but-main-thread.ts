import {
  type ComputePool,
  type Coroutine,
  countPrimes,
  Future,
  getRunningLoop,
  type ListeningSocket,
  type StreamSocket,
} from "@course/lib";

// One client: "ping" gets "pong"; "primes n" gets the number of primes below n.
function* handle(sock: StreamSocket, pool: ComputePool): Coroutine<void> {
  const loop = getRunningLoop();
  const request = new TextDecoder().decode(yield* loop.sockRecv(sock, 1024)).trim();
  let reply = "pong";
  if (request.startsWith("primes ")) {
    reply = String(countPrimes(Number(request.slice("primes ".length)))); // on this thread
  }
  yield* loop.sockSendall(sock, new TextEncoder().encode(`${reply}\n`));
  sock.close();
}

// Accept clients forever. This version serves each one to the end before it accepts the next.
function* serve(listener: ListeningSocket, pool: ComputePool): Coroutine<void> {
  const loop = getRunningLoop();
  for (;;) {
    const [sock] = yield* loop.sockAccept(listener);
    loop.createTask(handle(sock, pool)); // tasks, but the counting still blocks the loop
  }
}
