import assert from "node:assert/strict";
import {
  type Coroutine,
  EVENT_READ,
  EVENT_WRITE,
  EventLoop,
  listenTcp,
  RuntimeError,
  Selector,
  SelectorKeyError,
} from "@course/lib";
import { sameTime, simPair } from "./_sim_pair.ts";

const enc = new TextEncoder();

function run<T>(body: (loop: EventLoop) => Coroutine<T>): Promise<T> {
  const loop = new EventLoop({ clock: "virtual" });
  return loop.runUntilComplete(body(loop)).finally(() => loop.close());
}

Deno.test("Selector: register, modify, unregister keep one key per socket, as Python's selectors", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop);
    const selector = new Selector<string>();
    const key = selector.register(server, EVENT_READ, "conn");
    assert.deepEqual([key.events, key.data], [EVENT_READ, "conn"]);
    assert.throws(() => selector.register(server, EVENT_WRITE), SelectorKeyError);
    const changed = selector.modify(server, EVENT_READ | EVENT_WRITE);
    assert.equal(changed.data, "conn", "modify without data keeps the old data");
    assert.equal(selector.getKey(server), changed);
    assert.equal(selector.getMap().size, 1);
    assert.equal(selector.unregister(server), changed);
    assert.throws(() => selector.getKey(server), SelectorKeyError);
    assert.throws(() => selector.unregister(server), SelectorKeyError);
    for (const bad of [0, 4, 1.5, -1]) {
      assert.throws(() => selector.register(client, bad), RangeError, `events ${bad}`);
    }
    selector.close();
    assert.throws(() => selector.register(client, EVENT_READ), RuntimeError);
    client.close();
    server.close();
  });
});

Deno.test("Selector.select waits until a registered socket is readable, and reports which", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop, { latency: 0.1 });
    const selector = new Selector<string>();
    selector.register(server, EVENT_READ, "server end");
    selector.register(client, EVENT_READ, "client end");
    const start = loop.time();
    loop.callLater(0.5, () => client.send(enc.encode("ping")));
    const ready = yield* selector.select();
    assert.ok(sameTime(loop.time() - start, 0.6), "sent at 0.5, arrives one latency later");
    assert.deepEqual(ready.map(([key, mask]) => [key.data, mask]), [["server end", EVENT_READ]]);
    client.close();
    server.close();
  });
});

Deno.test("Selector.select(timeout) with nothing ready returns [] exactly at the timeout", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop);
    const selector = new Selector();
    selector.register(server, EVENT_READ);
    const start = loop.time();
    assert.deepEqual(yield* selector.select(2.5), []);
    assert.ok(sameTime(loop.time() - start, 2.5));
    // Data that comes later is still seen by the next select.
    client.send(enc.encode("late"));
    const [[key, mask]] = yield* selector.select(10);
    assert.equal(key.fileobj, server);
    assert.equal(mask, EVENT_READ);
    client.close();
    server.close();
  });
});

Deno.test("Selector.select reports only the events that are ready, out of those registered", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop);
    const selector = new Selector();
    selector.register(client, EVENT_READ | EVENT_WRITE);
    const ready = yield* selector.select(0);
    assert.deepEqual(ready.map(([, mask]) => mask), [EVENT_WRITE], "writable, nothing to read");
    client.close();
    server.close();
  });
});

Deno.test("Selector.select gives the loop a turn even when a socket is ready at once", async () => {
  await run(function* (loop) {
    const { client, server } = yield* simPair(loop);
    const selector = new Selector();
    selector.register(client, EVENT_WRITE);
    let otherRan = false;
    loop.callSoon(() => otherRan = true);
    const ready = yield* selector.select(0);
    assert.equal(ready.length, 1);
    assert.ok(otherRan, "a select(0) polling loop must not starve the other callbacks");
    client.close();
    server.close();
  });
});

Deno.test("Selector.select on a real socket keeps a virtual-clock loop waiting, and no virtual time passes", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const listener = listenTcp(0);
  const selector = new Selector();
  selector.register(listener, EVENT_READ);
  // The connection comes from outside the loop, as native I/O does.
  const outside = Deno.connect({ hostname: "127.0.0.1", port: listener.localAddress.port });
  const ready = await loop.runUntilComplete(selector.select());
  assert.equal(ready.length, 1, "the pending connection made the listener readable");
  assert.equal(loop.time(), 0);
  // The wait is over: its hold is released, so a wait for nothing is a deadlock again.
  await assert.rejects(loop.runUntilComplete(loop.createFuture()), /deadlock/);
  (await outside).close();
  const [conn] = listener.accept();
  conn.close();
  listener.close();
  await Promise.all([conn.waitClosed(), listener.waitClosed()]);
  loop.close();
});
