/**
 * Bars and markers from the teaching event loop's trace (`loop.trace()`).
 *
 * Only the fields used here are described (structurally), so the chart does not
 * depend on the loop's module.
 *
 * @module
 */
import type { TimelineBar, TimelineData, TimelineMarker } from "./timeline_bar.ts";

/** The fields of a loop trace event that the timeline reads. */
export interface LoopTraceEventLike {
  /** `task-step`, `callback`, `timer-fired`, `io-wait`, `time-jump`, ... */
  kind: string;
  /** Seconds on the loop's clock. */
  loopTime: number;
  /** Real seconds since the loop was made. */
  realTime: number;
  /** `start` or `end`, for task steps and I/O waits. */
  phase?: string;
  /** Task name, for task steps. */
  task?: string;
  /** Task id, for task steps. */
  taskId?: number;
  /** How a task step ended: `suspended`, `done`, ... */
  outcome?: string;
  /** Callback or timer name. */
  name?: string;
  /** Time jumps: loop time before the jump. */
  from?: number;
}

/** Which clock to draw the trace on. */
export interface LoopTraceOptions {
  /** `"loop"` (default): the loop's own clock, virtual or real; `"real"`: wall-clock. */
  clock?: "loop" | "real";
  /** Multiply seconds by this (1000 draws milliseconds). Default 1. */
  scale?: number;
}

/**
 * The lane for the loop itself: its idle waits and instant events.
 *
 * @example
 * ```ts
 * import { LOOP_LANE } from "@course/lib/chart/mod.ts";
 * console.log(LOOP_LANE); // "event loop"
 * ```
 */
export const LOOP_LANE = "event loop";

/**
 * Turns a loop trace into bars: one row per task (running steps, and `suspended`
 * between a step that suspended and the next), and an "event loop" row with its
 * idle waits (and virtual-clock time jumps) as `idle` bars and callbacks and
 * fired timers as markers.
 *
 * @param events `loop.trace()`.
 * @param options Which clock, and a unit scale.
 * @returns Bars and markers; tasks in order of first step, the loop's row first.
 * @example
 * ```ts
 * import { barsFromLoopTrace } from "@course/lib/chart/mod.ts";
 * const { bars } = barsFromLoopTrace([
 *   { kind: "task-step", phase: "start", task: "main", taskId: 1, loopTime: 0, realTime: 0 },
 *   { kind: "task-step", phase: "end", task: "main", taskId: 1, outcome: "done", loopTime: 0.5, realTime: 0.5 },
 * ]);
 * console.log(bars); // [ { lane: "main", kind: "cpu", start: 0, end: 0.5 } ]
 * ```
 */
export function barsFromLoopTrace(
  events: readonly LoopTraceEventLike[],
  options: LoopTraceOptions = {},
): TimelineData {
  const scale = options.scale ?? 1;
  const at = (e: LoopTraceEventLike) =>
    (options.clock === "real" ? e.realTime : e.loopTime) * scale;
  const bars: TimelineBar[] = [];
  const markers: TimelineMarker[] = [];
  // Tasks can share a name; the id keeps their rows apart.
  const laneOf = new Map<number, string>();
  const taken = new Set<string>();
  const lane = (e: LoopTraceEventLike) => {
    const id = e.taskId ?? -1;
    if (!laneOf.has(id)) {
      const base = e.task ?? `task ${id}`;
      const name = taken.has(base) ? `${base} #${id}` : base;
      taken.add(name);
      laneOf.set(id, name);
    }
    return laneOf.get(id)!;
  };
  const stepStart = new Map<number, number>();
  const suspendedAt = new Map<number, number>();
  let ioStart: number | null = null;
  for (const e of events) {
    const t = at(e);
    if (e.kind === "task-step") {
      const id = e.taskId ?? -1;
      if (e.phase === "start") {
        const since = suspendedAt.get(id);
        if (since !== undefined && t > since) {
          bars.push({ lane: lane(e), kind: "suspended", start: since, end: t });
        }
        stepStart.set(id, t);
      } else {
        const start = stepStart.get(id);
        if (start !== undefined) bars.push({ lane: lane(e), kind: "cpu", start, end: t });
        stepStart.delete(id);
        if (e.outcome === "suspended") suspendedAt.set(id, t);
        else suspendedAt.delete(id);
      }
    } else if (e.kind === "io-wait") {
      if (e.phase === "start") ioStart = t;
      else if (ioStart !== null) {
        bars.push({ lane: LOOP_LANE, kind: "idle", start: ioStart, end: t });
        ioStart = null;
      }
    } else if (e.kind === "time-jump" && options.clock !== "real" && e.from !== undefined) {
      // On the virtual clock the loop "waits" by jumping: draw the skipped span as idle.
      bars.push({
        lane: LOOP_LANE,
        kind: "idle",
        start: e.from * scale,
        end: t,
        label: "time jump",
      });
    } else if (e.kind === "callback") {
      markers.push({ lane: LOOP_LANE, at: t, label: "callback ran" });
    } else if (e.kind === "timer-fired") {
      markers.push({ lane: LOOP_LANE, at: t, label: "timer fired" });
    }
  }
  const loopFirst = (b: { lane: string }) => (b.lane === LOOP_LANE ? 0 : 1);
  const lanes = [LOOP_LANE, ...laneOf.values()];
  bars.sort((a, b) =>
    loopFirst(a) - loopFirst(b) || lanes.indexOf(a.lane) - lanes.indexOf(b.lane) ||
    a.start - b.start
  );
  const used = new Set([...bars, ...markers].map((x) => x.lane));
  return { bars, markers, lanes: lanes.filter((l) => used.has(l)) };
}
