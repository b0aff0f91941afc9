import assert from "node:assert/strict";
import { EventLoop, SimNetwork, startServer } from "@course/lib";
import { echoBars, echoClients, echoOnce, echoStream } from "@course/lib/demo/mod.ts";

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

Deno.test("ten echo clients at 100 ms latency: connected at 0.2 s, echoed at 0.4 s", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  const results = await loop.runUntilComplete((function* () {
    const server = yield* startServer(echoStream, "sim", 7, { network });
    const results = yield* echoClients(10, "sim", 7, { network, thinkFor: (i) => i === 3 ? 1 : 0 });
    server.close();
    yield* server.waitClosed();
    return results;
  })());
  loop.close();
  assert.deepEqual(
    results.map((r) => r.client),
    Array.from({ length: 10 }, (_, i) => `client ${i}`),
  );
  for (const r of results) {
    assert.equal(r.reply, r.sent);
    assert.ok(close(r.connectedAt, 0.2));
    assert.ok(close(r.doneAt, r.client === "client 3" ? 1.4 : 0.4), `${r.client}: ${r.doneAt}`);
  }
  const bars = echoBars(results, 1000);
  assert.equal(bars.length, 21); // connect and echo for each, plus one thinking bar
  assert.deepEqual(bars.find((b) => b.label === "thinks"), {
    lane: "client 3",
    kind: "suspended",
    start: results[3].connectedAt * 1000,
    end: results[3].sentAt * 1000,
    label: "thinks",
  });
});

Deno.test("echoOnce on real TCP gets a 100 KB message back whole", async () => {
  const loop = new EventLoop();
  const message = "x".repeat(100_000);
  const result = await loop.runUntilComplete((function* () {
    const server = yield* startServer(echoStream, "127.0.0.1", 0);
    const result = yield* echoOnce("127.0.0.1", server.port, message, { name: "big" });
    server.close();
    yield* server.waitClosed();
    return result;
  })());
  loop.close();
  assert.equal(result.client, "big");
  assert.equal(result.reply, message);
  assert.ok(result.startedAt <= result.connectedAt && result.connectedAt <= result.doneAt);
});
