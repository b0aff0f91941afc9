/**
 * The timeline's common currency: every trace becomes `TimelineBar`s (and
 * `TimelineMarker`s for instants) before it is drawn.
 *
 * @module
 */

/**
 * What a lane is doing during a bar. Simulator kinds map onto these:
 * `cpu` running, `io` waiting for I/O off the CPU, `wait` ready but not running,
 * `wait-gil` waiting for the GIL, `wait-core` waiting for a core, `switch` a context switch,
 * `idle` an event loop with nothing ready, waiting for I/O or a timer,
 * `suspended` a coroutine paused at a `yield`/`await`, waiting for a future.
 */
export type BarKind =
  | "cpu"
  | "io"
  | "idle"
  | "suspended"
  | "wait"
  | "wait-gil"
  | "wait-core"
  | "switch";

/**
 * One bar of a timeline: a lane (row), what it was doing, and when.
 *
 * @example
 * ```ts
 * import type { TimelineBar } from "@course/lib/chart/mod.ts";
 * const bar: TimelineBar = { lane: "core 0", kind: "cpu", start: 0, end: 24, label: "P1" };
 * ```
 */
export interface TimelineBar {
  /** The row: a task, thread, process or core. */
  lane: string;
  /** What the lane is doing. */
  kind: BarKind;
  /** Start time, in the chart's unit. */
  start: number;
  /** End time, in the chart's unit. */
  end: number;
  /** Text drawn inside the bar when it fits (e.g. which process ran on a core). */
  label?: string;
  /** True when the bar ended because the scheduler took the CPU away: drawn as a tick. */
  preempted?: boolean;
}

/**
 * An instant on a lane (a callback ran, a timer fired), drawn as a small mark.
 *
 * @example
 * ```ts
 * import type { TimelineMarker } from "@course/lib/chart/mod.ts";
 * const fired: TimelineMarker = { lane: "event loop", at: 1.5, label: "timer fired" };
 * ```
 */
export interface TimelineMarker {
  /** The row. */
  lane: string;
  /** When, in the chart's unit. */
  at: number;
  /** What happened: the legend groups markers by this. */
  label: string;
}

/** Bars and markers together: what the timeline helpers take. */
export interface TimelineData {
  /** The bars, lanes in the order they should appear top to bottom. */
  bars: TimelineBar[];
  /** Instant events; optional. */
  markers?: TimelineMarker[];
  /** Row order, top to bottom; default: order of first appearance in bars, then markers. */
  lanes?: string[];
}

/**
 * The rows of a timeline, top to bottom.
 *
 * @param data Bars, markers and an optional explicit order.
 * @returns Lane names without repeats.
 * @example
 * ```ts
 * import { timelineLanes } from "@course/lib/chart/mod.ts";
 * console.log(timelineLanes({ bars: [{ lane: "b", kind: "cpu", start: 0, end: 1 }] })); // [ "b" ]
 * ```
 */
export function timelineLanes(data: TimelineData): string[] {
  return [
    ...new Set([
      ...(data.lanes ?? []),
      ...data.bars.map((b) => b.lane),
      ...(data.markers ?? []).map((m) => m.lane),
    ]),
  ];
}

/**
 * The legend's words for each kind: what a learner reads.
 *
 * @example
 * ```ts
 * import { BAR_KIND_LABELS } from "@course/lib/chart/mod.ts";
 * console.log(BAR_KIND_LABELS["wait-gil"]); // "waiting for the GIL"
 * ```
 */
export const BAR_KIND_LABELS: Record<BarKind, string> = {
  cpu: "running",
  io: "waiting for I/O",
  idle: "loop idle (waiting for I/O or a timer)",
  suspended: "suspended, awaiting",
  wait: "ready, not running",
  "wait-gil": "waiting for the GIL",
  "wait-core": "waiting for a core",
  switch: "context switch",
};
