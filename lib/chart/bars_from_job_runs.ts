/**
 * Bars from measured job runs (`measureCpuJobs`, or any `{ way, bars }` list).
 *
 * @module
 */
import { fillWaits } from "./fill_waits.ts";
import type { TimelineBar } from "./timeline_bar.ts";

/** One measured way of running jobs (structural: `measureCpuJobs` returns these). */
export interface JobRunLike {
  /** The way, e.g. `"serial"`, `"workers"`. */
  way: string;
  /** Bars measured for that way, times from its start. */
  bars: readonly TimelineBar[];
}

/**
 * Lays measured runs one under the other: a row per way and job, named
 * `way: job`, with the gaps (a job waiting for its turn) drawn as waits.
 *
 * @param runs The measured runs.
 * @returns Bars in run order.
 * @example
 * ```ts
 * import { barsFromJobRuns } from "@course/lib/chart/mod.ts";
 * const bars = barsFromJobRuns([{
 *   way: "serial",
 *   bars: [
 *     { lane: "job A", kind: "cpu", start: 0, end: 5 },
 *     { lane: "job B", kind: "cpu", start: 5, end: 10 },
 *   ],
 * }]);
 * console.log(bars.map((b) => `${b.lane} ${b.kind}`));
 * // [ "serial: job A cpu", "serial: job B wait", "serial: job B cpu" ]
 * ```
 */
export function barsFromJobRuns(runs: readonly JobRunLike[]): TimelineBar[] {
  return runs.flatMap((run) =>
    fillWaits(run.bars.map((bar) => ({ ...bar, lane: `${run.way}: ${bar.lane}` })), 0)
  );
}
