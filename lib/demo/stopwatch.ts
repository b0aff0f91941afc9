/**
 * Measuring aids: a `Stopwatch` that times a program line by line, and
 * `measure` that times one function; both read wall time and CPU time.
 *
 * Wall time is `performance.now()`. CPU time is `process.cpuUsage()` (user plus
 * system) from `node:process`: the time this whole process spent on a CPU, all
 * its threads together, so it also counts a little of Deno's own work (file
 * threads, the garbage collector) and is noisy below a millisecond or so.
 *
 * @module
 */
import process from "node:process";

/** One measured stretch of a program. */
export interface Lap {
  /** What ran during the lap. */
  label: string;
  /** Wall-clock milliseconds the lap took. */
  wallMs: number;
  /** Milliseconds the process spent on a CPU during the lap. */
  cpuMs: number;
}

/** Times a program in laps: call `lap(label)` after each line. */
export interface Stopwatch {
  /** Ends the current lap (started by the previous `lap()` or by creation) and records it. */
  lap(label: string): Lap;
  /** Every lap so far, in order. */
  readonly laps: readonly Lap[];
  /** Wall and CPU milliseconds since the stopwatch was created. */
  total(): { wallMs: number; cpuMs: number };
}

/** CPU milliseconds (user + system) this process has used so far. */
function cpuNowMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Starts a stopwatch. Each `lap(label)` records the wall and CPU time since
 * the previous lap, so calling it after every line of a program times each line.
 *
 * @returns A running stopwatch.
 * @example
 * ```ts
 * import { stopwatch } from "@course/lib";
 * const watch = stopwatch();
 * await new Promise((r) => setTimeout(r, 50));
 * watch.lap("wait");
 * JSON.stringify(Array.from({ length: 1e5 }, (_, i) => i));
 * watch.lap("compute");
 * console.table(watch.laps); // wait: ~50 ms wall, ~0 ms CPU; compute: CPU ≈ wall
 * ```
 */
export function stopwatch(): Stopwatch {
  const laps: Lap[] = [];
  const firstWall = performance.now(), firstCpu = cpuNowMs();
  let wall = firstWall, cpu = firstCpu;
  return {
    lap(label: string): Lap {
      const nowWall = performance.now(), nowCpu = cpuNowMs();
      const lap = { label, wallMs: nowWall - wall, cpuMs: nowCpu - cpu };
      wall = nowWall;
      cpu = nowCpu;
      laps.push(lap);
      return lap;
    },
    laps,
    total: () => ({ wallMs: performance.now() - firstWall, cpuMs: cpuNowMs() - firstCpu }),
  };
}

/** What {@linkcode measure} found. */
export interface Measured<T> {
  /** What the function returned (awaited). */
  value: T;
  /** Wall-clock milliseconds, from the call until its promise settled. */
  wallMs: number;
  /** Milliseconds the process spent on a CPU meanwhile. */
  cpuMs: number;
}

/**
 * Runs `fn` (sync or async) and reports its wall time and CPU time. Waiting
 * (a timer, a network reply) costs wall time but almost no CPU time;
 * computing costs both.
 *
 * @param fn The work to time.
 * @returns Its value, wall milliseconds and CPU milliseconds.
 * @example
 * ```ts
 * import { measure } from "@course/lib";
 * const idle = await measure(() => new Promise((r) => setTimeout(r, 100)));
 * console.log(idle.wallMs > 90, idle.cpuMs < 50); // true true
 * ```
 */
export async function measure<T>(fn: () => T | Promise<T>): Promise<Measured<Awaited<T>>> {
  const wall = performance.now(), cpu = cpuNowMs();
  const value = await fn();
  return { value, wallMs: performance.now() - wall, cpuMs: cpuNowMs() - cpu };
}
