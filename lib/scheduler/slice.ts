/**
 * The slice: one bar of a timeline, shared by every scheduler simulator.
 *
 * @module
 */

/**
 * What a task is doing during a slice.
 * - `cpu`: running on a core (or holding the loop, for the cooperative scheduler)
 * - `io`: waiting for I/O, off the CPU
 * - `switch`: a core saving one process and loading the next (context switch)
 * - `wait-gil`: ready to run Python code but waiting for its process's GIL
 */
export type SliceKind = "cpu" | "io" | "switch" | "wait-gil";

/**
 * One interval of a timeline: who did what, from `start` to `end`.
 *
 * @example
 * ```ts
 * import type { Slice } from "@course/lib/scheduler/slice.ts";
 * const slice: Slice = { core: 0, name: "P1", kind: "cpu", start: 0, end: 24 };
 * ```
 */
export interface Slice {
  /** Which core ran it; `null` for I/O, which runs off the CPU. */
  core: number | null;
  /** The process, task or thread. */
  name: string;
  /** What it was doing. */
  kind: SliceKind;
  /** Start time (simulator units: ms, ticks or steps). */
  start: number;
  /** End time, greater than `start`. */
  end: number;
  /** True when the slice ended because the scheduler took the core away. */
  preempted?: boolean;
}
