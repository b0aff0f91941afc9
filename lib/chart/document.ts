/**
 * A server-side DOM for Observable Plot: Deno has no `document`, linkedom gives one.
 *
 * @module
 */
import { parseHTML } from "linkedom";

/**
 * Creates an empty linkedom HTML document that Observable Plot can render into.
 *
 * @returns A fresh document; pass it as Plot's `document` option.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { createPlotDocument } from "@course/lib/chart/document.ts";
 * const svg = Plot.plot({ document: createPlotDocument(), marks: [Plot.dot([1, 2])] });
 * console.log(svg.tagName); // "SVG" (linkedom upper-cases HTML-namespace tag names)
 * ```
 */
export function createPlotDocument(): Document {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  // linkedom's Document is structurally what Plot uses, but not the lib.dom type.
  return document as unknown as Document;
}
