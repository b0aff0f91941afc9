/**
 * Draws the learner's own timeline when a failing check attached a trace.
 *
 * @module
 */
import type { ChecksOutcome } from "./outcome.ts";

/**
 * Renames tasks that kept their automatic name (`Task-46`, a process-wide
 * counter that says nothing to the learner) to `task 1`, `task 2`, ... in the
 * order they first appear; named tasks keep their names.
 *
 * @param trace Trace events; those with a `task` field are renamed.
 * @returns A copy of the trace.
 * @example
 * ```ts
 * import { renumberTasks } from "@course/lib/notebook/failure_timeline.ts";
 * const trace = [{ task: "main" }, { task: "Task-46" }, { task: "Task-47" }, { task: "Task-46" }];
 * console.log(renumberTasks(trace).map((e) => (e as { task: string }).task));
 * // [ "main", "task 1", "task 2", "task 1" ]
 * ```
 */
export function renumberTasks(trace: readonly unknown[]): unknown[] {
  const names = new Map<string, string>();
  return trace.map((event) => {
    const task = (event as { task?: unknown } | null)?.task;
    if (typeof task !== "string" || !/^Task-\d+$/.test(task)) return event;
    if (!names.has(task)) names.set(task, `task ${names.size + 1}`);
    return { ...(event as object), task: names.get(task) };
  });
}

/**
 * The SVG of the first failing check's trace, drawn by `lib/chart`'s
 * `timeline`; `null` when no failure has a trace or the chart cannot be drawn
 * (feedback without a picture beats no feedback).
 *
 * @param outcome The outcome of the checks.
 * @returns SVG markup, or `null`.
 */
export async function failureTimeline(outcome: ChecksOutcome): Promise<string | null> {
  const failed = outcome.checks.find((c) => !c.passed && c.trace && c.trace.length > 0);
  if (!failed?.trace) return null;
  try {
    // Loaded lazily: most check runs pass or fail without a trace and need no chart.
    const chart = await import("../chart/mod.ts") as unknown as Record<string, unknown>;
    if (typeof chart.timeline !== "function") return null;
    const drawn = chart.timeline(renumberTasks(failed.trace), { title: "Your run", unit: "s" });
    const svg = (drawn as { svg?: unknown } | null)?.svg ?? String(drawn);
    return typeof svg === "string" && svg.includes("<svg") ? svg : null;
  } catch {
    return null;
  }
}
