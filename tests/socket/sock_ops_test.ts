import assert from "node:assert/strict";
import {
  connectTcp,
  type Coroutine,
  EVENT_READ,
  EVENT_WRITE,
  EventLoop,
  listenTcp,
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

Deno.test("ReadyWaiter without a loop: whenReady calls back once when a socket turns ready, never after close", async () => {
  const listener = listenTcp(0);
  const ready = new ReadyWaiter(null, listener, EVENT_READ);
  assert.throws(() => ready.wait(), RuntimeError); // no loop to make a future on
  let calls = 0;
  const called = new Promise<void>((resolve) =>
    ready.whenReady(() => {
      calls++;
      resolve();
    })
  );
  assert.throws(() => ready.whenReady(() => {}), RuntimeError); // one wait at a time
  const client = connectTcp(listener.localAddress.port);
  await called;
  const [conn] = listener.accept();
  ready.whenReady(() => calls++);
  ready.close(); // a pending whenReady is dropped
  const second = connectTcp(listener.localAddress.port);
  const witness = new ReadyWaiter(null, listener, EVENT_READ); // sees the second connection come
  await new Promise<void>((resolve) => witness.whenReady(resolve));
  witness.close();
  assert.equal(calls, 1);
  for (const s of [conn, client, second]) s.close();
  listener.close();
  await Promise.all([conn, client, second, listener].map((s) => s.waitClosed()));
});
