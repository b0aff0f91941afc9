/**
 * `Selector.wait` and `wakeUp`, the promise-based select the capstone's own
 * loop uses: it settles when a socket is ready, at the timeout, on `wakeUp()`
 * or `close()`, one wait at a time, and leaves no timer or watch behind
 * (Deno's sanitizers are on).
 *
 * @module
 */
import assert from "node:assert/strict";
import { connectTcp, EVENT_READ, listenTcp, RuntimeError, Selector } from "@course/lib";

Deno.test("wait(timeout) with nothing ready settles empty at the timeout", async () => {
  const listener = listenTcp(0);
  const selector = new Selector<string>();
  selector.register(listener, EVENT_READ, "listener");
  const t = performance.now();
  assert.deepEqual(await selector.wait(0.03), []);
  assert.ok(performance.now() - t >= 25, "it waited about the timeout");
  listener.close();
  await listener.waitClosed();
});

Deno.test("wakeUp() ends a wait that would last forever, and one wait at a time", async () => {
  const listener = listenTcp(0);
  const selector = new Selector<string>();
  selector.register(listener, EVENT_READ, "listener");
  const waiting = selector.wait(null);
  assert.throws(() => selector.wait(0), RuntimeError);
  setTimeout(() => selector.wakeUp(), 10);
  assert.deepEqual(await waiting, []);
  selector.wakeUp(); // before a wait: the next wait returns at once
  assert.deepEqual(await selector.wait(null), []);
  listener.close();
  await listener.waitClosed();
});

Deno.test("a connection wakes a pending wait; close() settles a wait with nothing", async () => {
  const listener = listenTcp(0);
  const selector = new Selector<string>();
  selector.register(listener, EVENT_READ, "listener");
  const waiting = selector.wait(null);
  const client = connectTcp(listener.localAddress.port);
  const ready = await waiting;
  assert.deepEqual(ready.map(([key, events]) => [key.data, events]), [["listener", EVENT_READ]]);
  const [conn] = listener.accept();
  const pending = selector.wait(null);
  selector.close();
  assert.deepEqual(await pending, []);
  for (const s of [conn, client]) s.close();
  listener.close();
  await Promise.all([conn.waitClosed(), client.waitClosed(), listener.waitClosed()]);
});
