/**
 * CPU-bound jobs for measuring parallelism: pure computation, no I/O.
 *
 * Each function is self-contained (it uses nothing from outside its own body),
 * so it can be shipped to a Worker with `WorkerPool.run`.
 *
 * @module
 */

/**
 * Counts the primes in `[from, to)` by trial division: deliberately plain, CPU-bound work.
 *
 * @param range The half-open range `{ from, to }` of integers to test.
 * @returns How many primes it holds.
 * @example
 * ```ts
 * import { countPrimesBetween } from "@course/lib/scheduler/mod.ts";
 * console.log(countPrimesBetween({ from: 10, to: 20 })); // 4: 11, 13, 17, 19
 * ```
 */
export function countPrimesBetween(range: { from: number; to: number }): number {
  let count = 0;
  for (let n = Math.max(2, range.from); n < range.to; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/**
 * Counts the primes below `limit`: the course's standard CPU-bound job.
 *
 * @param limit Exclusive upper bound.
 * @returns How many primes are below it.
 * @example
 * ```ts
 * import { countPrimes } from "@course/lib/scheduler/mod.ts";
 * console.log(countPrimes(100)); // 25
 * ```
 */
export function countPrimes(limit: number): number {
  // Inlined rather than calling countPrimesBetween, so the function stays self-contained.
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/**
 * Keeps the CPU busy for about `ms` milliseconds of wall-clock time (a busy loop).
 *
 * @param ms How long to spin.
 * @returns How many loop iterations fit in that time (more on a faster or idler core).
 * @example
 * ```ts
 * import { burnCpu } from "@course/lib/scheduler/mod.ts";
 * const spins = burnCpu(5); // blocks this thread for 5 ms: nothing else runs meanwhile
 * console.log(spins > 0); // true
 * ```
 */
export function burnCpu(ms: number): number {
  const end = performance.now() + ms;
  let spins = 0;
  while (performance.now() < end) spins++;
  return spins;
}
