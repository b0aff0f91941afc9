/**
 * `measureTimerLag`: how late a repeating timer fires while some work runs.
 *
 * A timer callback can only run when the JavaScript thread is free. Work that
 * holds the thread (a long loop, a synchronous read) delays every tick until it
 * ends; work that waits without holding it (a Worker, an async read) does not.
 *
 * @module
 */
import type { TimelineBar, TimelineData, TimelineMarker } from "../chart/mod.ts";

/** Options for `measureTimerLag`. */
export interface TimerLagOptions {
  /** The timer's period, ms. Default 10. */
  interval?: number;
  /** Row name of the work in the timeline. Default `"main thread"`. */
  label?: string;
  /** Bar kind of the work: `"cpu"` (it holds the thread, default) or `"io"` (it waits). */
  kind?: "cpu" | "io";
}

/** What `measureTimerLag` measured. All times in ms from the start of the measurement. */
export interface TimerLag<T> {
  /** What the work returned. */
  value: T;
  /** When each timer tick ran. */
  ticks: number[];
  /** When the work started and ended. */
  work: { start: number; end: number };
  /** The longest gap between two consecutive ticks, minus the period: 0 when never late. */
  lagMs: number;
  /** Ticks that ran while the work was in progress. */
  ticksDuringWork: number;
  /** The work as a bar and the ticks as markers: pass it to `timeline()`. */
  data: TimelineData;
}

/**
 * Runs `work` while a `setInterval` timer ticks, and measures how late the ticks were.
 *
 * The timer starts a few periods before the work and stops a few periods after,
 * so a blocked timer shows as one long gap in the ticks.
 *
 * @param work Synchronous or asynchronous work to run once.
 * @param options The period, and how to label the work in the timeline.
 * @returns The work's value, the ticks, the lag and timeline data.
 * @example
 * ```ts
 * import { measureTimerLag } from "@course/lib/demo/mod.ts";
 * const blocked = await measureTimerLag(() => {
 *   const end = performance.now() + 50;
 *   while (performance.now() < end); // holds the thread for 50 ms
 * });
 * console.log(blocked.lagMs > 30); // true: no tick could run during the loop
 * ```
 */
export async function measureTimerLag<T>(
  work: () => T | Promise<T>,
  options: TimerLagOptions = {},
): Promise<TimerLag<T>> {
  const interval = options.interval ?? 10;
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const ticks: number[] = [];
  const id = setInterval(() => ticks.push(now()), interval);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    await pause(interval * 2.5); // let the timer settle into its rhythm first
    const start = now();
    const value = await work();
    const end = now();
    await pause(interval * 2.5);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    const lagMs = Math.max(0, Math.max(0, ...gaps) - interval);
    const lane = options.label ?? "main thread";
    const bars: TimelineBar[] = [{ lane, kind: options.kind ?? "cpu", start, end }];
    const markers: TimelineMarker[] = ticks.map((at) => ({ lane: "timer", at, label: "tick" }));
    return {
      value,
      ticks,
      work: { start, end },
      lagMs,
      ticksDuringWork: ticks.filter((t) => t > start && t < end).length,
      data: { bars, markers, lanes: ["timer", lane] },
    };
  } finally {
    clearInterval(id);
  }
}
