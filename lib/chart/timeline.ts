/**
 * `timeline`: draw any course trace as a chart, one row per task, thread, process or core.
 *
 * @module
 */
import type { PlotMark } from "../_package_types.ts";
import type { Chart } from "./chart.ts";
import { renderPlot } from "./render_plot.ts";
import { theme } from "./theme.ts";
import { timelineLanes } from "./timeline_bar.ts";
import {
  barLabels,
  barMarks,
  kindColorScale,
  markerMarks,
  preemptionTicks,
  timeAxis,
} from "./timeline_marks.ts";
import { toTimelineData, type ToTimelineOptions, type Trace } from "./to_timeline_data.ts";

/** What the chart says besides the data. */
export interface TimelineOptions extends ToTimelineOptions {
  /** Title above the chart. */
  title?: string;
  /** Smaller text under the title. */
  subtitle?: string;
  /** Text under the chart. */
  caption?: string;
  /** Time unit for the axis label: `"ms"`, `"s"`, `"steps"`, ... Default `"ms"`. */
  unit?: string;
  /** Width in pixels. Default: the theme's width. */
  width?: number;
  /** More Plot marks to draw on top (annotations, rules). */
  marks?: PlotMark[];
}

/**
 * Draws a trace as a timeline: a row per task (or thread, process, core), a bar
 * where it runs, thinner lighter bars where it waits (for I/O, the GIL, a core,
 * or its turn), ticks where it was preempted, and a time axis with its unit.
 *
 * @param trace A simulator result or timeline, a loop trace, or bars.
 * @param options Title, unit, layout, extra marks.
 * @returns A `Chart`: the last expression of a notebook cell shows it; `saveSvg` writes it.
 * @example
 * ```ts
 * import { timeline } from "@course/lib/chart/mod.ts";
 * import { simulateCpu } from "@course/lib/scheduler/mod.ts";
 * const result = simulateCpu({
 *   policy: "rr",
 *   quantum: 4,
 *   processes: [{ name: "P1", burst: 24 }, { name: "P2", burst: 3 }, { name: "P3", burst: 3 }],
 * });
 * const chart = timeline(result, { title: "Round robin, q = 4", unit: "ms" });
 * console.log(chart.svg.includes("P3")); // true
 * ```
 */
export function timeline(trace: Trace, options: TimelineOptions = {}): Chart {
  const data = toTimelineData(trace, options);
  const markers = data.markers ?? [];
  const lanes = timelineLanes(data);
  const maxLane = Math.max(...lanes.map((l) => l.length), 0);
  const unit = options.unit ?? "ms";
  const width = options.width ?? theme.width;
  const marginLeft = Math.max(56, Math.ceil(maxLane * 7.2) + 18);
  const x = timeAxis(data.bars, unit, markers);
  const [lo, hi] = x.domain as [number, number];
  const pxPerUnit = (width - marginLeft - theme.margin.right) / (hi - lo || 1);
  // Steps that take no time (on a virtual clock, computing is instant) still get a sliver.
  const minWidth = 4 / pxPerUnit;
  const bars = data.bars.map((b) =>
    b.kind === "cpu" && b.end - b.start < minWidth ? { ...b, end: b.start + minWidth } : b
  );
  const kinds = [...new Set(bars.map((b) => b.kind))];
  const preempted = bars.some((b) => b.preempted);
  return renderPlot({
    title: options.title,
    subtitle: options.subtitle,
    caption: options.caption,
    width,
    height: lanes.length * theme.rowHeight + theme.margin.top + theme.margin.bottom,
    marginLeft,
    x,
    y: { domain: lanes, label: null, tickSize: 0 },
    color: kindColorScale(kinds, preempted),
    ...(markers.length ? { symbol: { legend: true } } : {}),
    marks: [
      ...barMarks(bars),
      ...barLabels(bars, pxPerUnit),
      ...preemptionTicks(bars),
      ...markerMarks(markers),
      ...(options.marks ?? []),
    ],
  }, { description: options.title ?? `timeline of ${lanes.length} rows` });
}
