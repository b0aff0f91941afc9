/**
 * Bars from the scheduler simulators' slices (CPU simulator, cooperative scheduler).
 *
 * @module
 */
import type { TimelineBar } from "./timeline_bar.ts";

/** The slice shape of `simulateCpu` and `runCooperative` (structural: no import needed). */
export interface SliceLike {
  /** Core that ran it, `null` for I/O. */
  core: number | null;
  /** Process or task. */
  name: string;
  /** `cpu`, `io` or `switch`. */
  kind: string;
  /** Start time. */
  start: number;
  /** End time. */
  end: number;
  /** Ended by preemption. */
  preempted?: boolean;
}

/** How to lay out slices. */
export interface SliceBarOptions {
  /** One row per task (`"task"`, default) or per core (`"core"`, bars labelled with the task). */
  by?: "task" | "core";
  /**
   * Per task, when it arrived: with it, the gaps while a task was ready but not
   * running are drawn as `wait` bars (by task only). Without it, only gaps
   * between a task's own slices are.
   */
  arrivals?: Record<string, number>;
  /**
   * Tasks still ready at the end of the run (they never finished), and until
   * when to draw them waiting: a starved task shows as one long `wait` bar.
   */
  waitingUntil?: Record<string, number>;
}

/**
 * Turns scheduler slices into timeline bars.
 *
 * @param slices A simulator's `timeline`.
 * @param options Rows by task or by core, and arrival times for waiting bars.
 * @returns Bars in lane order (tasks by first appearance, or cores in order).
 * @example
 * ```ts
 * import { barsFromSlices } from "@course/lib/chart/mod.ts";
 * const bars = barsFromSlices([
 *   { core: 0, name: "P1", kind: "cpu", start: 0, end: 4, preempted: true },
 *   { core: 0, name: "P2", kind: "cpu", start: 4, end: 7 },
 * ], { arrivals: { P1: 0, P2: 0 } });
 * console.log(bars.map((b) => `${b.lane} ${b.kind} ${b.start}-${b.end}`));
 * // [ "P1 cpu 0-4", "P2 wait 0-4", "P2 cpu 4-7" ]
 * ```
 */
export function barsFromSlices(
  slices: readonly SliceLike[],
  options: SliceBarOptions = {},
): TimelineBar[] {
  const kindOf = (kind: string) =>
    (kind === "io" || kind === "switch" ? kind : "cpu") as TimelineBar["kind"];
  if (options.by === "core") {
    const bars = slices.map((s): TimelineBar => ({
      lane: s.core === null ? "I/O" : `core ${s.core}`,
      kind: kindOf(s.kind),
      start: s.start,
      end: s.end,
      label: s.name,
      ...(s.preempted ? { preempted: true } : {}),
    }));
    // Cores in number order, I/O last.
    const rank = (lane: string) => lane === "I/O" ? Infinity : Number(lane.slice(5));
    return bars.sort((a, b) => rank(a.lane) - rank(b.lane) || a.start - b.start);
  }
  const names = [
    ...new Set([...Object.keys(options.arrivals ?? {}), ...slices.map((s) => s.name)]),
  ];
  const bars: TimelineBar[] = [];
  for (const name of names) {
    const own = slices.filter((s) => s.name === name).sort((a, b) => a.start - b.start);
    let free = options.arrivals?.[name] ?? own[0]?.start ?? 0;
    for (const s of own) {
      // A gap between the task's own slices: it was ready but someone else ran.
      if (s.start > free) bars.push({ lane: name, kind: "wait", start: free, end: s.start });
      bars.push({
        lane: name,
        kind: kindOf(s.kind),
        start: s.start,
        end: s.end,
        ...(s.preempted ? { preempted: true } : {}),
      });
      free = Math.max(free, s.end);
    }
    const until = options.waitingUntil?.[name];
    if (until !== undefined && until > free) {
      bars.push({ lane: name, kind: "wait", start: free, end: until });
    }
  }
  return bars;
}
