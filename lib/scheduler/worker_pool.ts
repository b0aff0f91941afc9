/**
 * `WorkerPool`: real parallelism with Web Workers, usable from a notebook cell.
 *
 * A Worker is a separate V8 isolate on its own OS thread, with its own heap and
 * its own event loop: closer to a Python *process* than to a Python thread. So a
 * function cannot be handed over as a closure; it travels as source text and is
 * rebuilt inside the Worker. It must therefore be self-contained: everything it
 * needs comes in through `data`.
 *
 * @module
 */

/**
 * The Worker's whole program: rebuild the function from source (once), run it,
 * post the result with when it ran (wall-clock ms, comparable across threads)
 * and how much CPU time its thread spent on it. The CPU time comes from
 * `node:process`'s `threadCpuUsage()` (this thread only, no permission
 * needed); where the runtime cannot tell, it is null.
 */
const WORKER_SOURCE = `
const cache = new Map();
let threadCpuMs = null;
const cpuClock = import("node:process").then(({ default: process }) => {
  if (typeof process.threadCpuUsage !== "function") return;
  process.threadCpuUsage();
  threadCpuMs = () => {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  };
}).catch(() => {});
self.onmessage = async (event) => {
  const { id, source, data } = event.data;
  try {
    let fn = cache.get(source);
    if (!fn) {
      fn = (0, eval)("(" + source + ")");
      if (typeof fn !== "function") throw new TypeError("the source did not evaluate to a function");
      cache.set(source, fn);
    }
    await cpuClock;
    const cpuBefore = threadCpuMs?.() ?? null;
    const start = performance.timeOrigin + performance.now();
    const value = await fn(data);
    const end = performance.timeOrigin + performance.now();
    const cpu = cpuBefore === null ? null : threadCpuMs() - cpuBefore;
    self.postMessage({ id, ok: true, value, start, end, cpu, worker: self.name });
  } catch (error) {
    self.postMessage({
      id,
      ok: false,
      error: { name: error?.name ?? "Error", message: error?.message ?? String(error), stack: error?.stack },
    });
  }
};
`;

const WORKER_URL = `data:application/javascript,${encodeURIComponent(WORKER_SOURCE)}`;

/** A job's result with when it ran in its Worker (see {@link WorkerPool.runTimed}). */
export interface TimedResult<R> {
  /** The function's result, copied back. */
  value: R;
  /** When the Worker started the function: `performance.timeOrigin + performance.now()`, ms. */
  start: number;
  /** When it returned, on the same clock. */
  end: number;
  /**
   * CPU time its Worker's thread spent on it, ms (the operating system counts in steps of
   * about 10 ms on Linux); null where the runtime cannot measure one thread's CPU time.
   */
  cpu: number | null;
  /** Which Worker of the pool ran it: `"pool-0"`, `"pool-1"`, ... */
  worker: string;
}

interface Job {
  id: number;
  source: string;
  data: unknown;
  timed: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/**
 * The source of a function, checked to be something a Worker can rebuild.
 *
 * @param fn The function to ship.
 * @returns Its source text, an expression.
 */
function functionSource(fn: (...args: never[]) => unknown): string {
  const source = fn.toString();
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new TypeError(
      `WorkerPool.run: ${fn.name || "fn"} is a built-in; wrap it in an arrow function`,
    );
  }
  // Method shorthand (`name(x) { ... }`) is not an expression: prefix `function`.
  const method = /^(async\s+)?(?!function\b)([\w$]+)\s*\(/.exec(source);
  if (method && method[2] !== "async") {
    const prefix = method[1] ?? "";
    return `${prefix}function ${source.slice(prefix.length)}`;
  }
  return source;
}

/**
 * A fixed number of module Workers that run self-contained functions in parallel.
 *
 * Workers start lazily on the first `run`, take one job each at a time, and stop
 * at `close()` (or at the end of an `await using` block). A closed pool holds no
 * Worker, and a later `run` starts fresh ones: in a notebook, a demo run again
 * after the chapter's clean-up cell works as it did the first time.
 *
 * @example
 * ```ts
 * import { WorkerPool } from "@course/lib/scheduler/mod.ts";
 * const pool = new WorkerPool(2);
 * const square = (n: number) => n * n;
 * console.log(await Promise.all([pool.run(square, 3), pool.run(square, 4)])); // [ 9, 16 ]
 * pool.close();
 * ```
 */
export class WorkerPool {
  /** How many Workers the pool runs at most. */
  readonly size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;

  /**
   * Makes a pool; no Worker starts until the first job.
   *
   * @param size Number of Workers, at least 1 (this machine: `navigator.hardwareConcurrency`).
   */
  constructor(size: number = navigator.hardwareConcurrency) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`WorkerPool: size must be a positive integer, got ${size}`);
    }
    this.size = size;
  }

  /** How many Workers are running now (0 before the first job and after `close()`). */
  get liveWorkers(): number {
    return this.#slots.length;
  }

  /**
   * Runs `fn(data)` in a Worker and resolves with its result.
   *
   * @param fn A self-contained function (it sees only `data` and globals); may be async.
   * @param data Its argument, copied to the Worker by structured clone.
   * @returns The function's result, copied back.
   * @throws {Error} If `fn` throws in the Worker; the message names the original error.
   */
  run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>> {
    return this.#submit(fn, data, false) as Promise<Awaited<R>>;
  }

  /**
   * Like {@link run}, and also says when the function ran in its Worker, on a
   * wall clock every thread shares (each Worker's `performance.now()` starts at
   * its own zero, so their raw readings cannot be compared).
   *
   * @param fn A self-contained function (it sees only `data` and globals); may be async.
   * @param data Its argument, copied to the Worker by structured clone.
   * @returns The result with the start and end of the call, in ms.
   * @example
   * ```ts
   * import { countPrimes, WorkerPool } from "@course/lib/scheduler/mod.ts";
   * await using pool = new WorkerPool(1);
   * const { value, start, end, worker } = await pool.runTimed(countPrimes, 100_000);
   * console.log(value, end >= start, worker); // 9592 true pool-0
   * ```
   */
  runTimed<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<TimedResult<Awaited<R>>> {
    return this.#submit(fn, data, true) as Promise<TimedResult<Awaited<R>>>;
  }

  #submit<T, R>(fn: (data: T) => R | Promise<R>, data: T, timed: boolean): Promise<unknown> {
    let source: string;
    try {
      source = functionSource(fn as (...args: never[]) => unknown);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, source, data, timed, resolve, reject });
      this.#pump();
    });
  }

  /**
   * Runs `fn` on every item, spread over the Workers; results in input order.
   *
   * @param fn A self-contained function of one item.
   * @param items The inputs.
   * @returns The results, in the same order as `items`.
   */
  map<T, R>(fn: (data: T) => R | Promise<R>, items: readonly T[]): Promise<Awaited<R>[]> {
    return Promise.all(items.map((item) => this.run(fn, item)));
  }

  /**
   * Stops every Worker; jobs not finished yet are rejected. Closing twice is
   * harmless, and a job submitted later starts new Workers.
   */
  close(): void {
    const error = () => new Error("WorkerPool: closed before the job finished");
    for (const slot of this.#slots) {
      slot.worker.terminate();
      slot.job?.reject(error());
    }
    for (const job of this.#queue.splice(0)) job.reject(error());
    this.#slots.length = 0;
  }

  /** Lets `await using pool = new WorkerPool(2)` close the pool at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  /** Hands queued jobs to idle Workers, starting Workers up to `size`. */
  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === null);
      if (!slot && this.#slots.length < this.size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      try {
        slot.worker.postMessage({ id: job.id, source: job.source, data: job.data });
      } catch (error) {
        // The data could not be cloned (a function, a class instance with methods, ...).
        slot.job = null;
        job.reject(new TypeError(`WorkerPool.run: cannot send data to a Worker: ${error}`));
      }
    }
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_URL, { type: "module", name: `pool-${this.#slots.length}` });
    const slot: Slot = { worker, job: null };
    worker.onmessage = (event: MessageEvent) => {
      const job = slot.job;
      slot.job = null;
      if (job) {
        const reply = event.data;
        if (!reply.ok) job.reject(workerError(reply.error));
        else if (job.timed) {
          const { value, start, end, cpu, worker } = reply;
          job.resolve({ value, start, end, cpu, worker });
        } else job.resolve(reply.value);
      }
      this.#pump();
    };
    worker.onerror = (event: ErrorEvent) => {
      // An error outside any job (should not happen): fail the job, replace the Worker.
      event.preventDefault();
      const job = slot.job;
      worker.terminate();
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      job?.reject(new Error(`WorkerPool: the Worker crashed: ${event.message}`));
      this.#pump();
    };
    this.#slots.push(slot);
    return slot;
  }
}

function workerError(error: { name: string; message: string; stack?: string }): Error {
  const hint = error.name === "ReferenceError"
    ? " (the function runs in a Worker and sees only its argument and globals: pass what it needs in data)"
    : "";
  const wrapped = new Error(
    `WorkerPool: job failed in a Worker: ${error.name}: ${error.message}${hint}`,
  );
  wrapped.cause = error;
  return wrapped;
}
