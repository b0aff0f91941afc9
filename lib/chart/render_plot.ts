/**
 * `renderPlot`: Observable Plot options in, a displayable `Chart` out.
 *
 * @module
 */
import type { PlotOptions } from "../_package_types.ts";
import * as Plot from "@observablehq/plot";
import { Chart } from "./chart.ts";
import { createPlotDocument } from "./document.ts";
import { standaloneSvg } from "./_standalone.ts";
import { themed } from "./theme.ts";

/** What `renderPlot` needs besides Plot's own options. */
export interface RenderOptions {
  /** The chart's one-line description (the Jupyter text fallback). Defaults to the title. */
  description?: string;
}

/**
 * Renders Observable Plot options to a `Chart`, using the course theme and a
 * linkedom document (there is no browser DOM in Deno).
 *
 * Charts with a title, caption or legend come back from Plot wrapped in an HTML
 * `<figure>`; they are re-laid out as pure SVG, so every `Chart` is one image.
 *
 * @param options Plot options (marks, scales, size, title, ...); the theme fills in the rest.
 * @param render Extra rendering options, such as the text description.
 * @returns A `Chart` with standalone SVG markup; display it in Jupyter or save it.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderPlot } from "@course/lib/chart/render_plot.ts";
 * const chart = renderPlot({ title: "Squares", marks: [Plot.dot([1, 4, 9], { x: (d) => d })] });
 * console.log(chart.svg.startsWith("<svg xmlns=")); // true
 * ```
 */
export function renderPlot(options: PlotOptions, render: RenderOptions = {}): Chart {
  const element = Plot.plot({ ...themed(options), document: createPlotDocument() });
  const title = typeof options.title === "string" ? options.title : undefined;
  const description = render.description ?? title ?? options.ariaLabel ?? "Observable Plot chart";
  return new Chart(standaloneSvg(element as unknown as Element), description);
}
