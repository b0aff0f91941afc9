import assert from "node:assert/strict";
import { startRemoteSlowServer, startSlowServer } from "@course/lib/demo/mod.ts";

Deno.test("the slow server answers each path with its path after the delay", async () => {
  await using server = startSlowServer({ delayMs: 50, headers: { "x-course": "yes" } });
  const start = performance.now();
  const response = await fetch(new URL("/page/3", server.url));
  assert.equal(await response.text(), "/page/3");
  assert.ok(performance.now() - start >= 45, "answered before the delay");
  assert.equal(response.headers.get("x-course"), "yes");
  assert.equal(response.headers.get("x-delay-ms"), "50");
  assert.equal(response.headers.get("x-request-number"), "1");
  assert.equal(server.requests, 1);
});

Deno.test("the slow server counts concurrent requests in flight, and reset() clears", async () => {
  await using server = startSlowServer({ delayMs: 30 });
  const bodies = await Promise.all(
    [0, 1, 2, 3].map(async (i) => (await fetch(new URL(`/${i}`, server.url))).text()),
  );
  assert.deepEqual(bodies, ["/0", "/1", "/2", "/3"]);
  assert.equal(server.peakInFlight, 4);
  server.reset();
  for (const i of [0, 1]) await (await fetch(new URL(`/${i}`, server.url))).text();
  assert.equal(server.requests, 2);
  assert.equal(server.peakInFlight, 1);
  assert.equal(server.inFlight, 0);
});

Deno.test("?delay= overrides the delay; close() does not wait for slow responses", async () => {
  const server = startSlowServer({ delayMs: 10_000 });
  const fast = await fetch(new URL("/quick?delay=0", server.url));
  assert.equal(await fast.text(), "/quick");
  const slow = fetch(new URL("/slow", server.url)).then((r) => r.text(), () => "failed");
  while (server.inFlight === 0) await new Promise((r) => setTimeout(r, 5));
  const start = performance.now();
  await server.close();
  assert.ok(performance.now() - start < 2000, "close waited for the 10 s delay");
  await slow;
  await server.close(); // twice is fine
});

Deno.test("startSlowServer rejects a negative delay", () => {
  assert.throws(() => startSlowServer({ delayMs: -1 }), RangeError);
});

Deno.test("after close(), the server listens again on the same port when next used", async () => {
  const server = startSlowServer({ delayMs: 0 });
  const first = server.url;
  await fetch(new URL("/a", first)).then((r) => r.text());
  await server.close();
  // A stale URL, kept by an earlier cell, still reaches it once the server is used again.
  server.reset();
  assert.equal(server.url, first);
  assert.equal(await fetch(new URL("/b", first)).then((r) => r.text()), "/b");
  assert.equal(server.requests, 1);
  await server.close();
});

Deno.test("the remote server, closed, starts again on the same port when its URL is read", async () => {
  const remote = await startRemoteSlowServer({ delayMs: 0 });
  const first = remote.url;
  await remote.close();
  assert.equal(remote.url, first); // reading it starts a new Worker and waits until it listens
  const arrival = remote.nextArrival();
  assert.equal(await fetch(new URL("/again", first)).then((r) => r.text()), "/again");
  assert.equal((await arrival).path, "/again");
  await remote.close();
  await remote.close(); // twice is fine
});
