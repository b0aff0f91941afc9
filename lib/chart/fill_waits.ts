/**
 * `fillWaits`: draw the gaps in measured bars as waiting.
 *
 * @module
 */
import { type TimelineBar, timelineLanes } from "./timeline_bar.ts";

/**
 * Adds a `wait` bar wherever a lane has a gap between its bars (and, with
 * `from`, before its first bar): for measurements, where a job that is not
 * running is waiting for its turn.
 *
 * @param bars Measured bars (any order).
 * @param from Where waiting starts for every lane (for example 0, when all jobs start at once);
 *   default: each lane's first bar.
 * @returns The bars plus the waits, lane by lane in time order.
 * @example
 * ```ts
 * import { fillWaits } from "@course/lib/chart/mod.ts";
 * const bars = fillWaits([
 *   { lane: "job B", kind: "cpu", start: 5, end: 9 },
 * ], 0);
 * console.log(bars.map((b) => `${b.kind} ${b.start}-${b.end}`)); // [ "wait 0-5", "cpu 5-9" ]
 * ```
 */
export function fillWaits(bars: readonly TimelineBar[], from?: number): TimelineBar[] {
  const out: TimelineBar[] = [];
  for (const lane of timelineLanes({ bars: [...bars] })) {
    const own = bars.filter((b) => b.lane === lane).sort((a, b) => a.start - b.start);
    let free = from ?? own[0].start;
    for (const bar of own) {
      if (bar.start > free) out.push({ lane, kind: "wait", start: free, end: bar.start });
      out.push(bar);
      free = Math.max(free, bar.end);
    }
  }
  return out;
}
