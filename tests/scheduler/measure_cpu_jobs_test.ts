import assert from "node:assert/strict";
import { type JobRun, measureCpuJobs, WorkerPool } from "@course/lib/scheduler/mod.ts";

Deno.test("each way runs every job once; serial jobs never overlap", async () => {
  const runs = await measureCpuJobs({ limit: 30_000, chunk: 10_000, jobs: 3 });
  assert.deepEqual(runs.map((r) => r.way), ["serial", "interleaved", "workers"]);
  const running = (run: JobRun) => run.bars.filter((b) => b.kind === "cpu");
  const [serial, interleaved, workers] = runs.map(running);
  assert.deepEqual(serial.map((b) => b.lane), ["job A", "job B", "job C"]);
  assert.ok(serial.every((b, i) => i === 0 || b.start >= serial[i - 1].end));
  // Three chunks per job, taking turns: A B C A B C A B C.
  assert.deepEqual(interleaved.map((b) => b.lane.at(-1)).join(""), "ABCABCABC");
  assert.deepEqual(serial.concat(interleaved).map((b) => b.label), Array(12).fill("main thread"));
  assert.deepEqual(workers.map((b) => [b.lane, b.label]), [
    ["job A", "Worker"],
    ["job B", "Worker"],
    ["job C", "Worker"],
  ]);
  assert.ok(runs.every((r) => r.ms > 0 && r.values.every((v) => v === 3245)));
  assert.ok(runs.every((r) => r.bars.every((b) => b.end >= b.start)));
});

Deno.test("a pool passed in is reused and left open", async () => {
  await using pool = new WorkerPool(2);
  await measureCpuJobs({ limit: 1_000, pool });
  assert.equal(pool.liveWorkers, 2);
  assert.equal(await pool.run((n: number) => n + 1, 1), 2);
});
