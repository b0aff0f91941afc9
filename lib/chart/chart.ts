/**
 * `Chart`: a rendered chart that Jupyter displays and a script can save.
 *
 * @module
 */

/**
 * The symbol Deno's Jupyter kernel looks for on a cell's result (same as `Deno.jupyter.$display`).
 *
 * @example
 * ```ts
 * import { jupyterDisplay } from "@course/lib/chart/chart.ts";
 * console.log(jupyterDisplay === Symbol.for("Jupyter.display")); // true
 * ```
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/** The MIME bundle a Jupyter front end renders: SVG, with a text fallback. */
export interface ChartMimeBundle {
  /** The chart as standalone SVG markup. */
  "image/svg+xml": string;
  /** A one-line description for front ends that cannot show images. */
  "text/plain": string;
}

/**
 * A rendered chart: SVG markup plus a short description.
 *
 * Deno's Jupyter kernel shows any cell result that has a
 * `Symbol.for("Jupyter.display")` method, so a `Chart` as the last expression of
 * a cell appears as a picture.
 *
 * @example
 * ```ts
 * import { Chart, jupyterDisplay } from "@course/lib/chart/chart.ts";
 * const chart = new Chart('<svg xmlns="http://www.w3.org/2000/svg"/>', "an empty chart");
 * console.log(chart[jupyterDisplay]()["text/plain"]); // "an empty chart"
 * ```
 */
export class Chart {
  /** Standalone SVG markup (with `xmlns`), ready to write to an `.svg` file. */
  readonly svg: string;
  /** A short description: the chart's title or what it shows. */
  readonly description: string;

  /**
   * Wraps finished SVG markup.
   *
   * @param svg Standalone SVG markup.
   * @param description One line saying what the chart shows.
   */
  constructor(svg: string, description: string) {
    this.svg = svg;
    this.description = description;
  }

  /**
   * The MIME bundle Deno's Jupyter kernel displays.
   *
   * @returns `{ "image/svg+xml": svg, "text/plain": description }`.
   */
  [jupyterDisplay](): ChartMimeBundle {
    return { "image/svg+xml": this.svg, "text/plain": this.description };
  }

  /**
   * The SVG markup, so that `${chart}` and `String(chart)` give the picture.
   *
   * @returns The SVG markup.
   */
  toString(): string {
    return this.svg;
  }
}
