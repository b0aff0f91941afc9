/**
 * Draws the learner's own timeline when a failing check attached a trace.
 *
 * @module
 */
import type { ChecksOutcome } from "./outcome.ts";

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
    const drawn = chart.timeline(failed.trace, { title: "Your run", unit: "s" });
    const svg = (drawn as { svg?: unknown } | null)?.svg ?? String(drawn);
    return typeof svg === "string" && svg.includes("<svg") ? svg : null;
  } catch {
    return null;
  }
}
