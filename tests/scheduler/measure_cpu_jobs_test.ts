import assert from "node:assert/strict";
import { measureCpuJobs, WorkerPool } from "@course/lib/scheduler/mod.ts";

Deno.test("each way runs every job once; serial jobs never overlap", async () => {
  const runs = await measureCpuJobs({ limit: 30_000, chunk: 10_000, jobs: 3 });
  assert.deepEqual(runs.map((r) => r.way), ["serial", "interleaved", "workers"]);
  const [serial, interleaved, workers] = runs;
  assert.deepEqual(serial.bars.map((b) => b.lane), ["job A", "job B", "job C"]);
  assert.ok(serial.bars.every((b, i) => i === 0 || b.start >= serial.bars[i - 1].end));
  // Three chunks per job, taking turns: A B C A B C A B C.
  assert.deepEqual(
    interleaved.bars.map((b) => b.lane.at(-1)).join(""),
    "ABCABCABC",
  );
  assert.deepEqual(workers.bars.map((b) => b.label), ["worker 1", "worker 2", "worker 3"]);
  assert.ok(runs.every((r) => r.ms > 0 && r.bars.every((b) => b.end >= b.start)));
});

Deno.test("a pool passed in is reused and left open", async () => {
  await using pool = new WorkerPool(2);
  await measureCpuJobs({ limit: 1_000, pool });
  assert.equal(pool.liveWorkers, 2);
  assert.equal(await pool.run((n: number) => n + 1, 1), 2);
});
