/**
 * The marks of a timeline, as small composable helpers in Observable Plot's style:
 * each returns Plot marks or options, and `timeline()` just puts them together.
 *
 * @module
 */
import type { PlotMark, PlotScaleOptions } from "../_package_types.ts";
import * as Plot from "@observablehq/plot";
import {
  BAR_KIND_LABELS,
  type BarKind,
  type TimelineBar,
  type TimelineMarker,
} from "./timeline_bar.ts";
import { theme } from "./theme.ts";

/**
 * Legend entry for preemption ticks.
 *
 * @example
 * ```ts
 * import { PREEMPTED } from "@course/lib/chart/mod.ts";
 * console.log(PREEMPTED); // "preempted"
 * ```
 */
export const PREEMPTED = "preempted";

/**
 * How far each kind's bar is inset from its row (top and bottom, px): running is
 * a full bar, I/O a thinner one, waiting a thin strip, so the kinds differ in
 * shape as well as colour (legible in greyscale and for colour-blind readers).
 */
const INSET: Record<BarKind, number> = {
  cpu: 3,
  switch: 3,
  io: 7,
  idle: 7,
  suspended: 10,
  "wait-gil": 9,
  "wait-core": 9,
  wait: 10,
}; // Also the legend's order.

/**
 * Colour scale options: one colour per kind (from the theme) plus the preemption tick, with a legend.
 *
 * @param kinds The kinds present (the legend lists them in a fixed order).
 * @param withPreemption Whether to list the preemption tick in the legend.
 * @returns Plot `color` scale options.
 * @example
 * ```ts
 * import { kindColorScale } from "@course/lib/chart/mod.ts";
 * const color = kindColorScale(["cpu", "io"], false);
 * console.log(color.domain); // [ "running", "waiting for I/O" ]
 * ```
 */
export function kindColorScale(
  kinds: readonly BarKind[],
  withPreemption: boolean,
): PlotScaleOptions {
  // Always the same legend order, whatever order the kinds first appear in.
  const ordered = (Object.keys(INSET) as BarKind[]).filter((k) => kinds.includes(k));
  const domain = ordered.map((k) => BAR_KIND_LABELS[k]);
  const range = ordered.map((k) => theme.kinds[k] ?? theme.kinds.cpu);
  if (withPreemption) (domain.push(PREEMPTED), range.push(theme.annotation));
  return { type: "categorical", domain, range, legend: true };
}

/**
 * Bars, one mark per kind so each kind gets its own thickness; each mark's
 * group has the class `timeline-<kind>` (handy for tests and custom CSS).
 *
 * @param bars The bars to draw.
 * @returns Plot marks.
 * @example
 * ```ts
 * import { barMarks } from "@course/lib/chart/mod.ts";
 * const marks = barMarks([{ lane: "P1", kind: "cpu", start: 0, end: 3 }]);
 * console.log(marks.length); // 1
 * ```
 */
export function barMarks(bars: readonly TimelineBar[]): PlotMark[] {
  const kinds = [...new Set(bars.map((b) => b.kind))];
  return kinds.map((kind) =>
    Plot.barX(bars.filter((b) => b.kind === kind), {
      x1: "start",
      x2: "end",
      y: "lane",
      className: `timeline-${kind}`,
      fill: () => BAR_KIND_LABELS[kind],
      insetTop: INSET[kind],
      insetBottom: INSET[kind],
      // A hairline of background between touching bars shows where one slice ends.
      stroke: theme.background,
      strokeWidth: kind === "cpu" ? 0.75 : 0,
      rx: 2,
      title: (b: TimelineBar) =>
        `${b.lane}: ${BAR_KIND_LABELS[b.kind]}${
          b.label ? ` (${b.label})` : ""
        } ${b.start}–${b.end}`,
    })
  );
}

/**
 * Labels inside bars (for example the process a core ran), only where they fit.
 *
 * @param bars The bars; those without `label` are skipped.
 * @param pxPerUnit Horizontal pixels per time unit, to decide what fits.
 * @returns Plot marks (empty when no label fits).
 * @example
 * ```ts
 * import { barLabels } from "@course/lib/chart/mod.ts";
 * const marks = barLabels([{ lane: "core 0", kind: "cpu", start: 0, end: 24, label: "P1" }], 20);
 * console.log(marks.length); // 1
 * ```
 */
export function barLabels(bars: readonly TimelineBar[], pxPerUnit: number): PlotMark[] {
  const charPx = theme.fontSize * 0.62;
  const fits = bars.filter((b) =>
    b.label && b.kind === "cpu" && (b.end - b.start) * pxPerUnit >= b.label.length * charPx + 6
  );
  if (fits.length === 0) return [];
  return [
    Plot.text(fits, {
      x: (b: TimelineBar) => (b.start + b.end) / 2,
      y: "lane",
      text: "label",
      className: "timeline-label",
      fill: "white",
      fontWeight: 600,
    }),
  ];
}

/**
 * Preemptions: a dark tick where the scheduler took the CPU away.
 *
 * @param bars The bars; only those with `preempted` get a tick.
 * @returns Plot marks (empty when nothing was preempted).
 * @example
 * ```ts
 * import { preemptionTicks } from "@course/lib/chart/mod.ts";
 * const marks = preemptionTicks([{ lane: "P1", kind: "cpu", start: 0, end: 4, preempted: true }]);
 * console.log(marks.length); // 1
 * ```
 */
export function preemptionTicks(bars: readonly TimelineBar[]): PlotMark[] {
  const preempted = bars.filter((b) => b.preempted);
  if (preempted.length === 0) return [];
  return [
    Plot.tickX(preempted, {
      x: "end",
      y: "lane",
      className: "timeline-preempted",
      stroke: () => PREEMPTED,
      strokeWidth: 2.5,
      insetTop: 1,
      insetBottom: 1,
    }),
  ];
}

/**
 * Instant events (a callback ran, a timer fired) as small symbols on their lane.
 *
 * @param markers The instants.
 * @returns Plot marks (empty when there are none).
 * @example
 * ```ts
 * import { markerMarks } from "@course/lib/chart/mod.ts";
 * console.log(markerMarks([{ lane: "event loop", at: 1, label: "timer fired" }]).length); // 1
 * ```
 */
export function markerMarks(markers: readonly TimelineMarker[]): PlotMark[] {
  // One mark per kind of instant, nudged apart vertically so that a timer firing
  // and its callback running at the same moment both stay visible.
  const labels = [...new Set(markers.map((m) => m.label))];
  return labels.map((label, i) =>
    Plot.dot(markers.filter((m) => m.label === label), {
      x: "at",
      y: "lane",
      dy: (i - (labels.length - 1) / 2) * 8,
      symbol: "label",
      className: "timeline-marker",
      r: 3.5,
      stroke: theme.annotation,
      strokeWidth: 1.2,
      fill: theme.background,
    })
  );
}

/**
 * The step between ticks that Plot picks for about `count` ticks over `span`:
 * 1, 2 or 5 times a power of ten.
 */
function tickStep(span: number, count = 10): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled >= 7.07 ? 10 : scaled >= 3.16 ? 5 : scaled >= 1.41 ? 2 : 1) * power;
}

/**
 * The time axis: a labelled x scale with its unit, starting at zero when the
 * data does, and ending at the first tick at or after the last instant, so that
 * the axis neither stops short of the data nor runs far past it.
 *
 * @param bars The bars (for the domain).
 * @param unit The time unit shown in the label, e.g. `"ms"`.
 * @param markers Instants, which extend the domain too.
 * @returns Plot `x` scale options.
 * @example
 * ```ts
 * import { timeAxis } from "@course/lib/chart/mod.ts";
 * const axis = timeAxis([{ lane: "a", kind: "cpu", start: 0, end: 34.5 }], "ms");
 * console.log(axis.label, axis.domain); // "time (ms) →" [ 0, 35 ]
 * ```
 */
export function timeAxis(
  bars: readonly TimelineBar[],
  unit: string,
  markers: readonly TimelineMarker[] = [],
): PlotScaleOptions {
  const times = [...bars.flatMap((b) => [b.start, b.end]), ...markers.map((m) => m.at)];
  const lo = Math.min(0, ...times);
  const last = Math.max(lo, ...times);
  // Nothing lasted: one unit of axis. Else round the end up to the next tick.
  const step = last > lo ? tickStep(last - lo) : 1;
  const hi = last > lo ? lo + Math.ceil((last - lo) / step - 1e-9) * step : lo + 1;
  return {
    domain: [lo, Number(hi.toPrecision(12))],
    label: `time (${unit}) →`,
    labelAnchor: "right",
    grid: true,
    nice: false,
  };
}
