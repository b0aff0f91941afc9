/**
 * Bars from the GIL simulator's timeline.
 *
 * @module
 */
import type { TimelineBar } from "./timeline_bar.ts";

/** The slice shape of `simulateGil` (structural). */
export interface GilSliceLike {
  /** Thread name. */
  thread: string;
  /** Process name. */
  process: string;
  /** Core, on cpu slices. */
  core?: number;
  /** `cpu`, `io`, `wait-gil` or `wait-core`. */
  kind: string;
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
  /** Ended by a forced GIL switch. */
  preempted?: boolean;
}

/**
 * Turns a GIL timeline into bars: one row per thread, named `process / thread`.
 *
 * @param slices `simulateGil(...).timeline`.
 * @returns Bars, threads in order of first appearance.
 * @example
 * ```ts
 * import { barsFromGil } from "@course/lib/chart/mod.ts";
 * const bars = barsFromGil([{ thread: "T1", process: "py", kind: "cpu", start: 0, end: 5 }]);
 * console.log(bars[0].lane); // "py / T1"
 * ```
 */
export function barsFromGil(slices: readonly GilSliceLike[]): TimelineBar[] {
  const lanes = [...new Set(slices.map((s) => `${s.process} / ${s.thread}`))];
  const bars = slices.map((s): TimelineBar => ({
    lane: `${s.process} / ${s.thread}`,
    kind:
      (["io", "wait-gil", "wait-core"].includes(s.kind) ? s.kind : "cpu") as TimelineBar["kind"],
    start: s.start,
    end: s.end,
    ...(s.kind === "cpu" && s.core !== undefined ? { label: `core ${s.core}` } : {}),
    ...(s.preempted ? { preempted: true } : {}),
  }));
  return bars.sort((a, b) => lanes.indexOf(a.lane) - lanes.indexOf(b.lane) || a.start - b.start);
}
