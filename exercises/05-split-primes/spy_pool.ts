/**
 * A `WorkerPool` stand-in for `05-split-primes` that runs every job on a real
 * pool and records it: what it returned and when it ran in its Worker. The
 * checks look at what the learner's code did with the pool, not only at its
 * answer.
 *
 * @module
 */
import { WorkerPool } from "@course/lib";

/** One job the learner's code sent to the pool. */
export interface JobRecord {
  value: unknown;
  /** When it ran in its Worker (wall-clock ms, comparable across threads). */
  start: number;
  end: number;
  /** CPU time its Worker's thread spent on it (ms), or null where it cannot be measured. */
  cpu: number | null;
  /** Which Worker ran it. */
  worker: string;
}

/** The pool's public methods, each job recorded (every job is timed in its Worker). */
export class SpyPool {
  readonly size: number;
  readonly jobs: JobRecord[] = [];
  readonly #pool: WorkerPool;

  constructor(size: number) {
    this.size = size;
    this.#pool = new WorkerPool(size);
  }

  get liveWorkers(): number {
    return this.#pool.liveWorkers;
  }

  async run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>> {
    return (await this.runTimed(fn, data)).value;
  }

  async runTimed<T, R>(fn: (data: T) => R | Promise<R>, data: T) {
    const timed = await this.#pool.runTimed(fn, data);
    const { value, start, end, cpu, worker } = timed;
    this.jobs.push({ value, start, end, cpu, worker });
    return timed;
  }

  map<T, R>(fn: (data: T) => R | Promise<R>, items: readonly T[]): Promise<Awaited<R>[]> {
    return Promise.all(items.map((item) => this.run(fn, item)));
  }

  close(): void {
    this.#pool.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  /**
   * The share of the work each Worker thread did: its jobs' CPU time (from the
   * operating system's per-thread count) over all jobs' CPU time, or their
   * wall time where CPU time cannot be measured.
   * @returns Per Worker name, a share from 0 to 1, and which measure was used.
   */
  shares(): { byWorker: Map<string, number>; measure: "CPU time" | "wall time" } {
    const cpu = this.jobs.every((j) => j.cpu !== null);
    const byWorker = new Map<string, number>();
    for (const j of this.jobs) {
      const spent = cpu ? j.cpu! : j.end - j.start;
      byWorker.set(j.worker, (byWorker.get(j.worker) ?? 0) + spent);
    }
    const total = [...byWorker.values()].reduce((sum, t) => sum + t, 0);
    for (const [worker, spent] of byWorker) byWorker.set(worker, total > 0 ? spent / total : 0);
    return { byWorker, measure: cpu ? "CPU time" : "wall time" };
  }

  /** The most jobs that were running in Workers at the same moment. */
  peakOverlap(): number {
    const edges = this.jobs.flatMap((j) => [[j.start, 1], [j.end, -1]] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let peak = 0;
    for (const [, step] of edges) peak = Math.max(peak, now += step);
    return peak;
  }
}
