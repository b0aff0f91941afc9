import assert from "node:assert/strict";
import { countPrimes, WorkerPool } from "@course/lib/scheduler/mod.ts";

Deno.test("results come back correct and in order", async () => {
  await using pool = new WorkerPool(2);
  const square = (n: number) => n * n;
  assert.deepEqual(await pool.map(square, [1, 2, 3, 4, 5]), [1, 4, 9, 16, 25]);
  assert.equal(
    await pool.run(async (s: string) => (await Promise.resolve(s)).toUpperCase(), "hi"),
    "HI",
  );
});

Deno.test("jobs really run in other threads: each Worker has its own global scope", async () => {
  const pool = new WorkerPool(2);
  try {
    const names = await pool.map(() => (globalThis as { name?: string }).name ?? "main", [
      0,
      1,
      2,
      3,
    ]);
    assert.ok(names.every((n) => n.startsWith("pool-")), names.join());
    assert.ok(new Set(names).size <= 2);
    assert.equal(pool.liveWorkers, 2);
  } finally {
    pool.close();
  }
});

Deno.test("method shorthand and function declarations are accepted", async () => {
  await using pool = new WorkerPool(1);
  const jobs = {
    double(n: number) {
      return n * 2;
    },
  };
  function triple(n: number) {
    return n * 3;
  }
  assert.equal(await pool.run(jobs.double, 21), 42);
  assert.equal(await pool.run(triple, 5), 15);
});

Deno.test("an error thrown in the Worker rejects with a clear message", async () => {
  await using pool = new WorkerPool(1);
  await assert.rejects(
    pool.run((n: number) => {
      if (n > 1) throw new RangeError(`too big: ${n}`);
      return n;
    }, 7),
    /job failed in a Worker: RangeError: too big: 7/,
  );
  // The Worker survives a failed job.
  assert.equal(await pool.run((n: number) => n + 1, 1), 2);
});

Deno.test("a function that uses an outside variable fails with a hint", async () => {
  await using pool = new WorkerPool(1);
  const offset = 10;
  await assert.rejects(
    pool.run((n: number) => n + offset, 1),
    /ReferenceError: offset is not defined \(the function runs in a Worker/,
  );
});

Deno.test("data that cannot be cloned is rejected, built-ins must be wrapped", async () => {
  await using pool = new WorkerPool(1);
  await assert.rejects(pool.run((f: () => void) => typeof f, () => {}), /cannot send data/);
  await assert.rejects(pool.run(Math.sqrt, 4), /is a built-in; wrap it/);
  assert.equal(await pool.run((n: number) => Math.sqrt(n), 16), 4);
});

Deno.test("close() rejects unfinished jobs; a later run starts new Workers; nothing leaks", async () => {
  const pool = new WorkerPool(1);
  assert.equal(pool.liveWorkers, 0); // lazy: no Worker until the first job
  const slow = pool.run((ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) { /* busy */ }
    return "done";
  }, 50);
  const queued = pool.run((n: number) => n, 1);
  assert.equal(pool.liveWorkers, 1);
  pool.close();
  assert.equal(pool.liveWorkers, 0);
  await assert.rejects(slow, /closed before the job finished/);
  await assert.rejects(queued, /closed before the job finished/);
  // As after a notebook's clean-up cell: the pool works again, with a new Worker.
  assert.equal(await pool.run((n: number) => n + 1, 1), 2);
  assert.equal(pool.liveWorkers, 1);
  pool.close();
  pool.close(); // twice is harmless
  assert.equal(pool.liveWorkers, 0);
  assert.throws(() => new WorkerPool(0), /positive integer/);
});

Deno.test("runTimed counts the CPU time of the Worker's thread: computing costs some, sleeping none", async () => {
  await using pool = new WorkerPool(1);
  const busy = await pool.runTimed(countPrimes, 300_000); // a fixed amount of work, whatever the load
  const idle = await pool.runTimed(
    (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)),
    200,
  );
  assert.equal(busy.worker, "pool-0");
  assert.ok(busy.cpu !== null && idle.cpu !== null, "threadCpuUsage is there on this machine");
  // The kernel counts in steps of about 10 ms, hence the margins.
  assert.ok(busy.cpu >= 20 && busy.cpu <= busy.end - busy.start + 20, `busy: ${busy.cpu} ms`);
  assert.ok(idle.cpu <= 20, `a sleeping Worker used ${idle.cpu} ms of CPU`);
});

Deno.test("runTimed stamps the call on the wall clock this thread shares", async () => {
  await using pool = new WorkerPool(1);
  const before = performance.timeOrigin + performance.now();
  const { value, start, end } = await pool.runTimed((n: number) => n * 2, 21);
  const after = performance.timeOrigin + performance.now();
  assert.equal(value, 42);
  // Each thread reads the wall clock once, when it starts (performance.timeOrigin), and counts
  // from there on the monotonic clock: two threads' stamps can disagree by a few milliseconds
  // (measured: 5 ms, with the other cores busy). Hence the margin.
  const SKEW_MS = 50;
  assert.ok(start <= end, `${start} ${end}`);
  assert.ok(
    before - SKEW_MS <= start && end <= after + SKEW_MS,
    `${before} ${start} ${end} ${after}`,
  );
  await assert.rejects(
    pool.runTimed(() => {
      throw new RangeError("no");
    }, null),
    /RangeError: no/,
  );
});
