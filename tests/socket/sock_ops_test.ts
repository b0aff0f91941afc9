import assert from "node:assert/strict";
import {
  type Coroutine,
  EVENT_READ,
  EVENT_WRITE,
  EventLoop,
  ReadyWaiter,
  RuntimeError,
  sleep,
  waitReady,
} from "@course/lib";
import { sameTime, simPair } from "./_sim_pair.ts";

const enc = new TextEncoder();

function run(body: (loop: EventLoop) => Coroutine<void>): Promise<void> {
  const loop = new EventLoop({ clock: "virtual" });
  return loop.runUntilComplete(body(loop)).finally(() => loop.close());
}

Deno.test("ReadyWaiter: one watch for many waits; a second waiter at once is refused", async () => {
  await run(function* (loop) {
    const { client, server: conn } = yield* simPair(loop, { latency: 0.1 });
    const ready = new ReadyWaiter(loop, conn, EVENT_READ);
    const times: number[] = [];
    const reading = loop.createTask((function* () {
      for (let i = 0; i < 3; i++) {
        yield* ready.wait();
        times.push(loop.time());
        conn.recv(100);
      }
    })());
    yield* sleep(0); // the reader is waiting now
    assert.throws(() => ready.wait(), RuntimeError); // asyncio refuses a second reader too
    const t0 = loop.time();
    for (let i = 0; i < 3; i++) {
      client.send(enc.encode(`${i}`));
      yield* sleep(1);
    }
    yield* reading;
    // Each wait woke when its byte arrived, one latency after it was sent.
    [0.1, 1.1, 2.1].forEach((want, i) => assert.ok(sameTime(times[i] - t0, want), `${times}`));
    assert.equal(conn.recvBuffered, 0);
    ready.close();
    client.close();
    conn.close();
  });
});

Deno.test("ReadyWaiter over several sockets wakes when any one is ready; close cancels a pending wait", async () => {
  await run(function* (loop) {
    const a = yield* simPair(loop, { latency: 0.1 });
    const b = yield* simPair(loop, { latency: 0.1 });
    const ready = new ReadyWaiter(loop, [
      { fileobj: a.server, events: EVENT_READ },
      { fileobj: b.server, events: EVENT_READ },
    ]);
    const t0 = loop.time();
    loop.callLater(2, () => b.client.send(enc.encode("b")));
    yield* ready.wait();
    assert.ok(sameTime(loop.time() - t0, 2.1));
    b.server.recv(10);
    const pending = ready.wait();
    ready.close();
    assert.ok(pending.cancelled(), "closing the waiter does not leave its wait hanging");
    for (const { client, server } of [a, b]) {
      client.close();
      server.close();
    }
  });
});

Deno.test("waitReady returns at once when the socket is ready already, and waits otherwise", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop, { latency: 0.1 });
    const t0 = loop.time();
    yield* waitReady(loop, client, EVENT_WRITE); // room in the send buffer
    assert.equal(loop.time(), t0);
    loop.callLater(1, () => client.send(enc.encode("x")));
    yield* waitReady(loop, server, EVENT_READ);
    assert.ok(sameTime(loop.time() - t0, 1.1));
    client.close();
    server.close();
  });
});
