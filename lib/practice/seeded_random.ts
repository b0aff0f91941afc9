/**
 * A small seeded random generator (mulberry32): the same seed gives the same
 * numbers on every machine, so a practice problem can be named by its seed.
 *
 * @module
 */

/** Random choices drawn from one seed. */
export interface SeededRandom {
  /** A whole number from `lo` to `hi`, both included. */
  int(lo: number, hi: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Makes a generator from a seed.
 *
 * @param seed Any integer.
 * @returns The generator; its draws depend only on the seed.
 * @example
 * ```ts
 * import { seededRandom } from "@course/lib";
 * const a = seededRandom(7), b = seededRandom(7);
 * console.log(a.int(1, 6) === b.int(1, 6)); // true
 * ```
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
