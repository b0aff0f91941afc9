/**
 * `measureCpuJobs`: the same CPU-bound jobs run three ways, timed, with a bar per stretch of running.
 *
 * @module
 */
import { countPrimes } from "./cpu_jobs.ts";
import { countPrimesChunked } from "./count_primes_chunked.ts";
import { WorkerPool } from "./worker_pool.ts";

/** One stretch of a job running, in ms since the way started (a timeline bar). */
export interface JobBar {
  /** The job, e.g. `"job A"`. */
  lane: string;
  /** Where it ran: `"main thread"` or `"worker 1"`, ... */
  label: string;
  /** Always running: the gaps are the waiting. */
  kind: "cpu";
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
}

/** One way of running the jobs, measured. */
export interface JobRun {
  /** `serial`: one after the other on the main thread; `interleaved`: in chunks that
   * yield to the event loop; `workers`: one Worker per job. */
  way: "serial" | "interleaved" | "workers";
  /** Wall-clock time for all the jobs, ms. */
  ms: number;
  /** When each job ran. */
  bars: JobBar[];
}

/** How big, how many, and where. */
export interface MeasureOptions {
  /** Each job counts the primes below this. Default 1,000,000. */
  limit?: number;
  /** How many identical jobs. Default 2. */
  jobs?: number;
  /** Numbers per chunk for the interleaved way. Default 100,000. */
  chunk?: number;
  /** A pool to reuse; by default one is made for this call and closed. Either way its
   * Workers are started before the timing begins. */
  pool?: WorkerPool;
}

/**
 * Runs the same CPU-bound jobs (prime counting) serially, interleaved on the
 * event loop, and in Workers, and times each way. Concurrency on one thread is
 * no faster than serial; Workers on separate cores are.
 *
 * @param options Job size, number of jobs, chunk size, and an optional pool.
 * @returns One `JobRun` per way; `timeline(runs)` draws them.
 * @example
 * ```ts
 * import { measureCpuJobs } from "@course/lib/scheduler/mod.ts";
 * const runs = await measureCpuJobs({ limit: 200_000 });
 * console.log(runs.map((r) => r.way)); // [ "serial", "interleaved", "workers" ]
 * ```
 */
export async function measureCpuJobs(options: MeasureOptions = {}): Promise<JobRun[]> {
  const limit = options.limit ?? 1_000_000;
  const chunk = options.chunk ?? 100_000;
  const names = Array.from(
    { length: options.jobs ?? 2 },
    (_, i) => `job ${String.fromCharCode(65 + i)}`,
  );
  const pool = options.pool ?? new WorkerPool(names.length);
  try {
    // Start the Workers before timing: starting an isolate costs tens of ms,
    // which is the price of a Worker, not of parallel computing.
    await pool.map((n: number) => n, names.map((_, i) => i));
    const runs: JobRun[] = [];

    // 1. Serial: one job after the other on this thread.
    let t0 = performance.now();
    const serialBars: JobBar[] = [];
    for (const lane of names) {
      const start = performance.now() - t0;
      countPrimes(limit);
      const end = performance.now() - t0;
      serialBars.push({ lane, label: "main thread", kind: "cpu", start, end });
    }
    runs.push({ way: "serial", ms: performance.now() - t0, bars: serialBars });

    // 2. Interleaved: every job at once on this thread, a chunk at a time.
    t0 = performance.now();
    const chunkBars: JobBar[] = [];
    await Promise.all(names.map((lane) =>
      countPrimesChunked(limit, {
        chunk,
        onChunk: (start, end) =>
          chunkBars.push({
            lane,
            label: "main thread",
            kind: "cpu",
            start: start - t0,
            end: end - t0,
          }),
      })
    ));
    runs.push({ way: "interleaved", ms: performance.now() - t0, bars: chunkBars });

    // 3. Workers: one job per Worker, in parallel.
    t0 = performance.now();
    const workerBars: JobBar[] = [];
    await Promise.all(names.map(async (lane, i) => {
      const start = performance.now() - t0;
      await pool.run(countPrimes, limit);
      // Timed from the main thread: includes the (sub-millisecond) message round trip.
      const end = performance.now() - t0;
      workerBars.push({ lane, label: `worker ${i + 1}`, kind: "cpu", start, end });
    }));
    workerBars.sort((a, b) => a.lane.localeCompare(b.lane));
    runs.push({ way: "workers", ms: performance.now() - t0, bars: workerBars });
    return runs;
  } finally {
    if (!options.pool) pool.close();
  }
}
