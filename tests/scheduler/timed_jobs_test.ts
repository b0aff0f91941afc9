import assert from "node:assert/strict";
import {
  countPrimesInterleaved,
  countPrimesInWorkers,
  countPrimesSerially,
  WorkerPool,
} from "@course/lib/scheduler/mod.ts";

Deno.test("serial jobs: right counts, the second waits for the first", () => {
  const run = countPrimesSerially([10_000, 10_000]);
  assert.deepEqual(run.values, [1229, 1229]);
  const b = run.bars.filter((bar) => bar.lane === "job B");
  assert.deepEqual(b.map((bar) => bar.kind), ["wait", "cpu"]);
});

Deno.test("interleaved jobs take turns: chunks of A and B alternate, never overlap", async () => {
  const run = await countPrimesInterleaved([40_000, 40_000], { chunk: 10_000 });
  assert.deepEqual(run.values, [4203, 4203]);
  const cpu = run.bars.filter((b) => b.kind === "cpu").sort((x, y) => x.start - y.start);
  assert.equal(cpu.length, 8);
  for (let i = 1; i < cpu.length; i++) assert.ok(cpu[i].start >= cpu[i - 1].end - 1e-6);
  assert.equal(cpu[0].lane, "job A");
  assert.equal(cpu[1].lane, "job B");
});

Deno.test("Worker jobs: right counts, one bar per job on the main thread's clock", async () => {
  await using pool = new WorkerPool(2);
  const run = await countPrimesInWorkers(pool, [10_000, 20_000]);
  assert.deepEqual(run.values, [1229, 2262]);
  const cpu = run.bars.filter((b) => b.kind === "cpu");
  assert.deepEqual(cpu.map((b) => b.lane), ["job A", "job B"]);
  for (const b of cpu) assert.ok(b.start >= 0 && b.end >= b.start && b.end <= run.ms + 5);
});
