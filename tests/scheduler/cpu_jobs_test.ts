import assert from "node:assert/strict";
import {
  burnCpu,
  countPrimes,
  countPrimesBetween,
  countPrimesChunked,
  WorkerPool,
  yieldToEventLoop,
} from "@course/lib/scheduler/mod.ts";

Deno.test("countPrimes knows the prime-counting function", () => {
  assert.equal(countPrimes(2), 0);
  assert.equal(countPrimes(3), 1);
  assert.equal(countPrimes(100), 25);
  assert.equal(countPrimes(10_000), 1229);
  assert.equal(countPrimesBetween({ from: 0, to: 100 }), 25);
  assert.equal(countPrimesBetween({ from: 90, to: 100 }), 1); // 97
});

Deno.test("the chunked job gets the same answer and reports every chunk", async () => {
  const chunks: [number, number][] = [];
  const count = await countPrimesChunked(10_000, {
    chunk: 1_000,
    onChunk: (start, end) => chunks.push([start, end]),
  });
  assert.equal(count, 1229);
  assert.equal(chunks.length, 10);
  assert.ok(chunks.every(([start, end]) => end >= start));
});

Deno.test("two chunked jobs interleave on one thread", async () => {
  const order: string[] = [];
  await Promise.all(
    ["a", "b"].map((name) =>
      countPrimesChunked(3_000, { chunk: 1_000, onChunk: () => order.push(name) })
    ),
  );
  assert.deepEqual(order, ["a", "b", "a", "b", "a", "b"]);
});

Deno.test("yieldToEventLoop lets a due timer fire at once; a microtask would not", async () => {
  let fired = false;
  setTimeout(() => (fired = true), 0);
  await Promise.resolve();
  assert.equal(fired, false);
  await yieldToEventLoop();
  assert.equal(fired, true, "one yield must let the timer that was already due run");
});

Deno.test("a chunked computation lets a periodic timer tick between its chunks", async () => {
  let ticks = 0;
  const interval = setInterval(() => ticks++, 1);
  await countPrimesChunked(400_000, { chunk: 20_000 });
  clearInterval(interval);
  assert.ok(ticks >= 5, `the timer ticked ${ticks} times during 20 chunks`);
});

Deno.test("the jobs are self-contained: they run in a Worker", async () => {
  await using pool = new WorkerPool(1);
  assert.equal(await pool.run(countPrimes, 10_000), 1229);
  assert.equal(await pool.run(countPrimesBetween, { from: 90, to: 100 }), 1);
  assert.ok(await pool.run(burnCpu, 2) > 0);
});
