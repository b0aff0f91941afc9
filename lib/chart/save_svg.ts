/**
 * `saveSvg`: writes a chart to an `.svg` file.
 *
 * @module
 */
import type { Chart } from "./chart.ts";

/**
 * Writes a chart's SVG markup to a file, creating parent folders as needed.
 *
 * @param chart The chart to save.
 * @param path Where to write it, conventionally ending in `.svg`.
 * @returns A promise that settles once the file is written.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderPlot, saveSvg } from "@course/lib/chart/mod.ts";
 * const path = await Deno.makeTempFile({ suffix: ".svg" });
 * await saveSvg(renderPlot({ marks: [Plot.dot([1, 2, 3])] }), path);
 * ```
 */
export async function saveSvg(chart: Chart, path: string | URL): Promise<void> {
  const file = path instanceof URL ? path.pathname : path;
  const slash = file.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(file.slice(0, slash), { recursive: true });
  await Deno.writeTextFile(file, chart.svg);
}
