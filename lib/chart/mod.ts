/**
 * Charts for the course: Observable Plot rendered into a linkedom document,
 * returned as a `Chart` that Jupyter displays and `saveSvg` writes to a file.
 *
 * `timeline(trace)` draws any trace the course produces; the helpers it is built
 * from (`toTimelineData`, `barMarks`, `preemptionTicks`, `timeAxis`, ...) compose
 * into custom charts with `renderPlot`.
 *
 * Re-exports only.
 *
 * @module
 */
export { Chart, type ChartMimeBundle, jupyterDisplay } from "./chart.ts";
export { createPlotDocument } from "./document.ts";
export { type RenderOptions, renderPlot } from "./render_plot.ts";
export { saveSvg } from "./save_svg.ts";
export { theme, themed } from "./theme.ts";
export {
  BAR_KIND_LABELS,
  type BarKind,
  type TimelineBar,
  type TimelineData,
  timelineLanes,
  type TimelineMarker,
} from "./timeline_bar.ts";
export { barsFromSlices, type SliceBarOptions, type SliceLike } from "./bars_from_slices.ts";
export { barsFromGil, type GilSliceLike } from "./bars_from_gil.ts";
export {
  barsFromLoopTrace,
  LOOP_LANE,
  type LoopTraceEventLike,
  type LoopTraceOptions,
} from "./bars_from_loop_trace.ts";
export {
  barLabels,
  barMarks,
  kindColorScale,
  markerMarks,
  PREEMPTED,
  preemptionTicks,
  timeAxis,
} from "./timeline_marks.ts";
export { toTimelineData, type ToTimelineOptions, type Trace } from "./to_timeline_data.ts";
export { timeline, type TimelineOptions } from "./timeline.ts";
export { fillWaits } from "./fill_waits.ts";
export { barsFromJobRuns, type JobRunLike } from "./bars_from_job_runs.ts";
