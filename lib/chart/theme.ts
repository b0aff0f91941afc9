/**
 * The one look shared by every chart in the course: fonts, colours, sizes.
 *
 * Change a value here and every chart follows; no chart picks its own colours.
 *
 * @module
 */
import type { PlotOptions } from "../_package_types.ts";

/**
 * Colours, fonts and sizes shared by every chart in the course.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderPlot, theme } from "@course/lib/chart/mod.ts";
 * // A custom chart in the course's colours:
 * renderPlot({ marks: [Plot.barX([3], { fill: theme.kinds.io })] });
 * ```
 */
export const theme = {
  /** Font stack for every label; `sans-serif` last so rasterizers always find one. */
  fontFamily: "Inter, 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif",
  /** Tick and label size in pixels: close to the notebook's prose, so ticks stay readable. */
  fontSize: 13,
  /** Title size in pixels (charts wrapped with a title). */
  titleSize: 16,
  /** Subtitle and caption size in pixels. */
  subtitleSize: 13,
  /** Text colour: dark grey reads softer than pure black on white. */
  ink: "#1f2328",
  /** Secondary text (subtitles, captions, axis labels). */
  muted: "#57606a",
  /** Chart background; painted into the SVG so dark notebook themes stay legible. */
  background: "#ffffff",
  /**
   * Default chart width in pixels: about a notebook's output column. Charts scale
   * down in narrower columns (the SVG has `max-width: 100%`).
   */
  width: 940,
  /** Height of one timeline row in pixels. */
  rowHeight: 28,
  /** Outer margins in pixels. */
  margin: { top: 16, right: 24, bottom: 40, left: 96 },
  /**
   * Colours by what a task is doing. Running is saturated, waiting is light,
   * I/O is a warm colour so "off the CPU" never looks like "on the CPU".
   */
  kinds: {
    cpu: "#3b6fd4",
    run: "#3b6fd4",
    io: "#f0a30a",
    wait: "#c8ccd2",
    "wait-gil": "#e4717a",
    switch: "#8e959e",
    idle: "#f5cf7a",
    suspended: "#aebfe3",
  } as Record<string, string>,
  /** Categorical palette for series that are not kinds (one colour per task). */
  palette: [
    "#3b6fd4",
    "#f0a30a",
    "#2ca58d",
    "#e4717a",
    "#8a63d2",
    "#6b7785",
    "#c4561b",
    "#1d8fb0",
  ],
  /** Colour of preemption ticks and other annotations drawn over bars. */
  annotation: "#1f2328",
} as const;

/**
 * Fills in the theme's defaults (font, size, margins) under a chart's own options.
 *
 * @param options Plot options; anything set here wins over the theme.
 * @returns New options with the theme's defaults filled in.
 * @example
 * ```ts
 * import { themed } from "@course/lib/chart/theme.ts";
 * const options = themed({ marks: [] });
 * console.log(options.width); // 940
 * ```
 */
export function themed(options: PlotOptions): PlotOptions {
  const style = typeof options.style === "string" ? options.style : {
    fontFamily: theme.fontFamily,
    fontSize: `${theme.fontSize}px`,
    color: theme.ink,
    ...(options.style as Record<string, string> | undefined),
  };
  return {
    width: theme.width,
    marginTop: theme.margin.top,
    marginRight: theme.margin.right,
    marginBottom: theme.margin.bottom,
    ...options,
    style,
  };
}
