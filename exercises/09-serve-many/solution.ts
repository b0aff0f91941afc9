import {
  type Coroutine,
  getRunningLoop,
  type ListeningSocket,
  sleep,
  type StreamSocket,
} from "@course/lib";

// Read one request, look it up (1 s), send the answer back, close.
function* answer(sock: StreamSocket): Coroutine<void> {
  const loop = getRunningLoop();
  const request = yield* loop.sockRecv(sock, 1024);
  yield* sleep(1); // the slow lookup
  yield* loop.sockSendall(sock, request);
  sock.close();
}

// Accept clients forever, and answer each one in a task of its own.
function* serve(listener: ListeningSocket): Coroutine<void> {
  const loop = getRunningLoop();
  for (;;) {
    const [sock] = yield* loop.sockAccept(listener);
    loop.createTask(answer(sock)); // returns at once: back to accept the next client
  }
}
