/**
 * Prime counting three ways, timed for real and ready to draw: one job after
 * another, interleaved on one thread, and in parallel in Workers.
 *
 * @module
 */
import type { TimelineBar } from "../chart/mod.ts";
import { countPrimes } from "./cpu_jobs.ts";
import { countPrimesChunked } from "./count_primes_chunked.ts";
import type { WorkerPool } from "./worker_pool.ts";

/** A real, timed run of several jobs. Times in ms from the start of the run. */
export interface TimedRun<R> {
  /** Each job's result, in input order. */
  values: R[];
  /** Wall-clock time of the whole run, ms. */
  ms: number;
  /**
   * One row per job: `cpu` bars while it computed (labelled with the thread it
   * ran on), `wait` bars while it was ready but not running.
   */
  bars: TimelineBar[];
}

/** Row names for jobs: "job A", "job B", ... */
function jobName(i: number): string {
  return `job ${String.fromCharCode(65 + i)}`;
}

/**
 * Counts primes below each limit on this thread, one job after the other.
 *
 * @param limits One limit per job.
 * @returns Results, total time and one bar per job.
 * @example
 * ```ts
 * import { countPrimesSerially } from "@course/lib/scheduler/mod.ts";
 * const run = countPrimesSerially([1000, 1000]);
 * console.log(run.values); // [ 168, 168 ]
 * ```
 */
export function countPrimesSerially(limits: number[]): TimedRun<number> {
  const t0 = performance.now();
  const bars: TimelineBar[] = [];
  const values = limits.map((limit, i) => {
    const start = performance.now() - t0;
    const value = countPrimes(limit);
    // A job that has not started yet is ready but waiting for the thread.
    if (start > 0) bars.push({ lane: jobName(i), kind: "wait", start: 0, end: start });
    bars.push({
      lane: jobName(i),
      kind: "cpu",
      start,
      end: performance.now() - t0,
      label: "main thread",
    });
    return value;
  });
  return { values, ms: performance.now() - t0, bars };
}

/**
 * Counts primes below each limit on this thread, all jobs at once: each job
 * computes a chunk, then yields to the event loop so the next job gets a turn.
 * Concurrency without parallelism.
 *
 * @param limits One limit per job.
 * @param options `chunk`: numbers tested per turn (default: `countPrimesChunked`'s).
 * @returns Results, total time, and a bar per chunk (with waits between them).
 * @example
 * ```ts
 * import { countPrimesInterleaved } from "@course/lib/scheduler/mod.ts";
 * const run = await countPrimesInterleaved([50_000, 50_000], { chunk: 10_000 });
 * console.log(run.values, run.bars.filter((b) => b.kind === "cpu").length); // [ 5133, 5133 ] 10
 * ```
 */
export async function countPrimesInterleaved(
  limits: number[],
  options: { chunk?: number } = {},
): Promise<TimedRun<number>> {
  const t0 = performance.now();
  const bars: TimelineBar[] = [];
  const values = await Promise.all(limits.map((limit, i) => {
    let free = 0;
    return countPrimesChunked(limit, {
      chunk: options.chunk,
      onChunk: (start, end) => {
        const [s, e] = [start - t0, end - t0];
        if (s > free) bars.push({ lane: jobName(i), kind: "wait", start: free, end: s });
        bars.push({ lane: jobName(i), kind: "cpu", start: s, end: e, label: "main thread" });
        free = e;
      },
    });
  }));
  return { values, ms: performance.now() - t0, bars };
}

/**
 * Counts primes below each limit in parallel, one pool job per limit. Start and
 * end are stamped inside each Worker on the shared wall clock
 * (`performance.timeOrigin + performance.now()`), since every Worker has its
 * own `performance.now()` origin.
 *
 * @param pool The Workers to use (warm them up first for a fair timing).
 * @param limits One limit per job.
 * @returns Results, total time, and one bar per job (with its wait for a free Worker).
 * @example
 * ```ts
 * import { countPrimesInWorkers, WorkerPool } from "@course/lib/scheduler/mod.ts";
 * const pool = new WorkerPool(2);
 * console.log((await countPrimesInWorkers(pool, [1000, 1000])).values); // [ 168, 168 ]
 * pool.close();
 * ```
 */
export async function countPrimesInWorkers(
  pool: WorkerPool,
  limits: number[],
): Promise<TimedRun<number>> {
  const origin = performance.timeOrigin + performance.now();
  const t0 = performance.now();
  const runs = await Promise.all(limits.map((limit) => pool.runTimed(countPrimes, limit)));
  const bars: TimelineBar[] = [];
  runs.forEach((run, i) => {
    const [start, end] = [run.start - origin, run.end - origin];
    if (start > 1) bars.push({ lane: jobName(i), kind: "wait", start: 0, end: start });
    bars.push({ lane: jobName(i), kind: "cpu", start: Math.max(0, start), end, label: "Worker" });
  });
  return { values: runs.map((r) => r.value), ms: performance.now() - t0, bars };
}
