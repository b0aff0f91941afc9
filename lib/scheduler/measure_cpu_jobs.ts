/**
 * `measureCpuJobs`: the same CPU-bound jobs run three ways, timed, with a bar per stretch of running.
 *
 * @module
 */
import {
  countPrimesInterleaved,
  countPrimesInWorkers,
  countPrimesSerially,
  type TimedRun,
} from "./timed_jobs.ts";
import { WorkerPool } from "./worker_pool.ts";

/** One way of running the jobs, measured (`timeline(runs)` draws a list of them). */
export interface JobRun extends TimedRun<number> {
  /** `serial`: one after the other on the main thread; `interleaved`: in chunks that
   * yield to the event loop; `workers`: one Worker per job. */
  way: "serial" | "interleaved" | "workers";
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
  const limits: number[] = Array(options.jobs ?? 2).fill(options.limit ?? 1_000_000);
  const pool = options.pool ?? new WorkerPool(limits.length);
  try {
    // An untimed round first: starting an isolate costs tens of ms and each
    // Worker compiles the job afresh; both are the price of a Worker, not of
    // parallel computing.
    await countPrimesInWorkers(pool, limits);
    const serial = countPrimesSerially(limits);
    const interleaved = await countPrimesInterleaved(limits, { chunk: options.chunk ?? 100_000 });
    const workers = await countPrimesInWorkers(pool, limits);
    return [
      { way: "serial", ...serial },
      { way: "interleaved", ...interleaved },
      { way: "workers", ...workers },
    ];
  } finally {
    if (!options.pool) pool.close();
  }
}
