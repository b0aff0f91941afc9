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
  start: number;
  end: number;
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
    this.jobs.push({ value: timed.value, start: timed.start, end: timed.end });
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
