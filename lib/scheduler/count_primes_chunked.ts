/**
 * `countPrimesChunked`: the CPU-bound job cut into chunks that give way to the event loop.
 *
 * @module
 */
import { countPrimesBetween } from "./cpu_jobs.ts";
import { yieldToEventLoop } from "./yield_to_event_loop.ts";

/** Options for `countPrimesChunked`. */
export interface ChunkOptions {
  /** Numbers tested per chunk, before giving way (each yield costs ~2 ms). Default 100,000. */
  chunk?: number;
  /** Called after each chunk with its start and end (`performance.now()` ms), to draw it. */
  onChunk?: (start: number, end: number) => void;
}

/**
 * Counts primes below `limit` in chunks, yielding to the event loop between them:
 * cooperative multitasking by hand. Two of these started together interleave on
 * one thread; they share it, they do not run in parallel.
 *
 * @param limit Exclusive upper bound.
 * @param options Chunk size and a per-chunk callback.
 * @returns How many primes are below `limit` (the same as `countPrimes(limit)`).
 * @example
 * ```ts
 * import { countPrimesChunked } from "@course/lib/scheduler/mod.ts";
 * const [a, b] = await Promise.all([countPrimesChunked(50_000), countPrimesChunked(50_000)]);
 * console.log(a, b); // 5133 5133
 * ```
 */
export async function countPrimesChunked(
  limit: number,
  options: ChunkOptions = {},
): Promise<number> {
  const chunk = options.chunk ?? 100_000;
  if (!(chunk >= 1)) throw new RangeError(`countPrimesChunked: chunk must be >= 1, got ${chunk}`);
  let count = 0;
  for (let from = 0; from < limit; from += chunk) {
    const start = performance.now();
    count += countPrimesBetween({ from, to: Math.min(limit, from + chunk) });
    options.onChunk?.(start, performance.now());
    await yieldToEventLoop();
  }
  return count;
}
