/**
 * The static picture of a trace: one coloured cell per step, by what the
 * step did. It is the player's fallback where scripts do not run (nbconvert,
 * GitHub's viewer) and its overview where they do.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "../chart/chart.ts";
import { renderPlot } from "../chart/render_plot.ts";
import { theme } from "../chart/theme.ts";
import type { PlayerEvent } from "./loop_view.ts";

/** What a step did, in six colours. */
export type StepCategory = "runs" | "pauses" | "schedules" | "timer" | "I/O" | "prints";

const CATEGORY: Record<PlayerEvent["kind"], StepCategory> = {
  "callback": "runs",
  "task-step": "runs",
  "callback-end": "pauses",
  "callback-skipped": "pauses",
  "ready-scheduled": "schedules",
  "timer-scheduled": "schedules",
  "promise-reaction": "schedules",
  "task-wait": "schedules",
  "sync-wait": "schedules",
  "timer-fired": "timer",
  "timer-cancelled": "timer",
  "time-jump": "timer",
  "io-wait": "I/O",
  "io-pending": "I/O",
  "socket-watch": "I/O",
  "log": "prints",
  "limit": "prints",
  "snapshot": "runs",
};

const COLORS: Record<StepCategory, string> = {
  runs: theme.kinds.cpu,
  pauses: theme.kinds.suspended,
  schedules: "#2ca58d",
  timer: "#8e5bd0",
  "I/O": theme.kinds.io,
  prints: theme.kinds.switch,
};

/**
 * What a step did.
 *
 * @param event A trace event.
 * @returns Its category (a task step's end counts as a pause).
 * @example
 * ```ts
 * import { stepCategory } from "@course/lib";
 * console.log(stepCategory({ kind: "log", text: "hi", loopTime: 0, realTime: 0 })); // "prints"
 * ```
 */
export function stepCategory(event: PlayerEvent): StepCategory {
  if (event.kind === "task-step" && event.phase === "end") return "pauses";
  return CATEGORY[event.kind] ?? "prints";
}

/**
 * A strip of coloured cells, one per step, for `events[0 .. max)`.
 *
 * @param events The steps (already windowed by the caller).
 * @param options `first`: the step number of `events[0]` (default 1); `max`:
 *   the most cells drawn (default 200); `title`.
 * @returns A chart (SVG) with a colour legend.
 * @example
 * ```ts
 * import { stepsStrip } from "@course/lib";
 * const chart = stepsStrip([{ kind: "log", text: "hi", loopTime: 0, realTime: 0 }]);
 * console.log(chart.svg.startsWith("<svg")); // true
 * ```
 */
export function stepsStrip(
  events: readonly PlayerEvent[],
  options: { first?: number; max?: number; title?: string } = {},
): Chart {
  const first = options.first ?? 1;
  const max = options.max ?? 200;
  const shown = events.slice(0, max).map((event, i) => ({
    step: first + i,
    category: stepCategory(event),
  }));
  const last = first + Math.max(shown.length, 1) - 1;
  const more = events.length > shown.length
    ? ` (the first ${shown.length} of ${events.length} shown)`
    : "";
  return renderPlot({
    title: options.title,
    subtitle: `steps ${first} to ${last}${more}, by what each step did`,
    height: 90,
    marginLeft: 24,
    marginBottom: 30,
    x: { label: "step", domain: [first - 0.5, last + 0.5] },
    y: { axis: null, domain: [0, 1] },
    color: {
      legend: true,
      domain: Object.keys(COLORS),
      range: Object.values(COLORS),
    },
    marks: [
      Plot.rect(shown, {
        x1: (d) => d.step - 0.5,
        x2: (d) => d.step + 0.5,
        y1: 0,
        y2: 1,
        fill: "category",
        inset: shown.length > 100 ? 0 : 0.5,
      }),
    ],
  }, { description: `${events.length} steps` });
}
