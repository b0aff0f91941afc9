/**
 * Charts for the course: Observable Plot rendered into a linkedom document,
 * returned as a `Chart` that Jupyter displays and `saveSvg` writes to a file.
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
