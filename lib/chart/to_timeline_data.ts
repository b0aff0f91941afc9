/**
 * `toTimelineData`: recognises any trace the course produces and turns it into bars.
 *
 * @module
 */
import { barsFromGil, type GilSliceLike } from "./bars_from_gil.ts";
import { barsFromJobRuns, type JobRunLike } from "./bars_from_job_runs.ts";
import { barsFromLoopTrace, type LoopTraceEventLike } from "./bars_from_loop_trace.ts";
import { barsFromSlices, type SliceLike } from "./bars_from_slices.ts";
import type { TimelineBar, TimelineData } from "./timeline_bar.ts";

/**
 * Anything `timeline()` can draw: a simulator's result or its `timeline` array,
 * a loop trace, or bars made by hand (`TimelineBar[]` or `TimelineData`).
 */
export type Trace =
  | readonly TimelineBar[]
  | TimelineData
  | readonly SliceLike[]
  | readonly GilSliceLike[]
  | readonly LoopTraceEventLike[]
  | readonly JobRunLike[]
  | { timeline: readonly SliceLike[] | readonly GilSliceLike[] };

/** How to read a trace. */
export interface ToTimelineOptions {
  /** Slices of the CPU or cooperative simulator: one row per task (default) or per core. */
  by?: "task" | "core";
  /** Loop traces: draw on the loop's clock (default) or real time. */
  clock?: "loop" | "real";
  /** Loop traces: multiply seconds by this (1000 for ms). Default 1. */
  scale?: number;
}

type Item = Record<string, unknown>;

/**
 * Turns any course trace into timeline bars and markers.
 *
 * Recognised by shape: items with `lane` are bars; with `way` and `bars`,
 * measured job runs; with `thread` and `process`,
 * GIL slices; with `loopTime`, loop events; with `name` and `core`, simulator
 * slices. A `simulateCpu` result also gives arrival times, so waiting shows.
 *
 * @param trace The trace.
 * @param options Layout choices for slices and loop traces.
 * @returns Bars (and markers) ready for the timeline marks.
 * @throws {TypeError} When the trace has none of the known shapes.
 * @example
 * ```ts
 * import { toTimelineData } from "@course/lib/chart/mod.ts";
 * import { simulateCpu } from "@course/lib/scheduler/mod.ts";
 * const result = simulateCpu({ policy: "fcfs", processes: [{ name: "A", burst: 2 }, { name: "B", burst: 1 }] });
 * console.log(toTimelineData(result).bars.map((b) => `${b.lane}:${b.kind}`)); // [ "A:cpu", "B:wait", "B:cpu" ]
 * ```
 */
export function toTimelineData(trace: Trace, options: ToTimelineOptions = {}): TimelineData {
  if (!Array.isArray(trace)) {
    const object = trace as Item;
    if (Array.isArray(object.bars)) return object as unknown as TimelineData;
    if (Array.isArray(object.timeline)) {
      const data = toTimelineData(object.timeline as Trace, options);
      // simulateCpu results know when each process arrived: arrival = completion − turnaround.
      const stats = object.processes as
        | Record<string, { completion: number; turnaround: number }>
        | undefined;
      if (stats && options.by !== "core" && isSlice(object.timeline[0])) {
        const arrivals = Object.fromEntries(
          Object.entries(stats).map(([name, s]) => [name, s.completion - s.turnaround]),
        );
        return { bars: barsFromSlices(object.timeline as SliceLike[], { arrivals }) };
      }
      // runCooperative results: every task was ready at 0; unfinished ones wait to the end.
      if (Array.isArray(object.tasks) && Array.isArray(object.finished) && options.by !== "core") {
        const tasks = object.tasks as string[];
        const holder = (object.budgetExceeded as { task: string } | null)?.task;
        const clock = object.clock as number;
        return {
          bars: barsFromSlices(object.timeline as SliceLike[], {
            arrivals: Object.fromEntries(tasks.map((t) => [t, 0])),
            waitingUntil: Object.fromEntries(
              tasks.filter((t) => !(object.finished as string[]).includes(t) && t !== holder)
                .map((t) => [t, clock]),
            ),
          }),
        };
      }
      return data;
    }
    throw new TypeError(
      "timeline: expected an array of slices, bars or trace events, or a result with .timeline",
    );
  }
  const items = trace as readonly Item[];
  const first = items[0];
  if (first === undefined) return { bars: [] };
  if ("lane" in first) return { bars: items as unknown as TimelineBar[] };
  if ("way" in first && "bars" in first) {
    return { bars: barsFromJobRuns(items as unknown as JobRunLike[]) };
  }
  if ("thread" in first && "process" in first) {
    return { bars: barsFromGil(items as unknown as GilSliceLike[]) };
  }
  if ("loopTime" in first) {
    return barsFromLoopTrace(items as unknown as LoopTraceEventLike[], {
      clock: options.clock,
      scale: options.scale,
    });
  }
  if (isSlice(first)) {
    return { bars: barsFromSlices(items as unknown as SliceLike[], { by: options.by }) };
  }
  throw new TypeError(
    `timeline: cannot tell what kind of trace this is (first item: ${JSON.stringify(first)})`,
  );
}

function isSlice(item: unknown): boolean {
  return typeof item === "object" && item !== null && "name" in item && "core" in item &&
    "start" in item;
}
