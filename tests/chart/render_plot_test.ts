import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { DOMParser } from "linkedom";
import { Chart, jupyterDisplay, renderPlot, saveSvg } from "@course/lib/chart/mod.ts";

/** Parses SVG markup as XML, the way an image viewer would. */
function parseSvg(svg: string): Document {
  return new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as Document;
}

const bars = [{ task: "a", ms: 3 }, { task: "b", ms: 5 }];

Deno.test("renderPlot returns standalone SVG with the SVG namespace", () => {
  const chart = renderPlot({ marks: [Plot.barX(bars, { x: "ms", y: "task" })] });
  assert.ok(chart instanceof Chart);
  const doc = parseSvg(chart.svg);
  const root = doc.documentElement;
  assert.equal(root.tagName, "svg");
  assert.equal(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.equal(doc.querySelectorAll("rect[aria-label], g[aria-label=bar] rect").length, 2);
});

Deno.test("a chart with a title and legend is still pure SVG, legend drawn as SVG", () => {
  const chart = renderPlot({
    title: "Two tasks",
    subtitle: "milliseconds",
    caption: "Figure 1",
    color: { legend: true },
    marks: [Plot.barX(bars, { x: "ms", y: "task", fill: "task" })],
  });
  assert.doesNotMatch(chart.svg, /<(figure|div|span|h2|h3|figcaption)\b/i);
  const doc = parseSvg(chart.svg);
  const texts = [...doc.querySelectorAll("text")].map((t) => t.textContent);
  for (const expected of ["Two tasks", "milliseconds", "Figure 1"]) {
    assert.ok(texts.includes(expected), `missing text ${expected}`);
  }
  // One legend label per colour, outside the plot's own svg.
  const legendLabels = [...doc.documentElement.children]
    .filter((el) => el.tagName === "text")
    .map((el) => el.textContent);
  assert.ok(legendLabels.includes("a") && legendLabels.includes("b"), legendLabels.join());
  assert.equal(chart.description, "Two tasks");
});

Deno.test("the Jupyter display bundle carries the SVG and a text fallback", () => {
  const chart = renderPlot({ marks: [Plot.dot([1, 2])] }, { description: "two dots" });
  const bundle = chart[jupyterDisplay]();
  assert.equal(jupyterDisplay, Symbol.for("Jupyter.display"));
  assert.equal(bundle["image/svg+xml"], chart.svg);
  assert.equal(bundle["text/plain"], "two dots");
});

Deno.test("text is escaped so the SVG stays well-formed XML", () => {
  const chart = renderPlot({ title: "a < b & c", marks: [Plot.dot([1])] });
  assert.match(chart.svg, /a &lt; b &amp; c/);
});

Deno.test("saveSvg writes the markup to a file, creating folders", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const chart = renderPlot({ marks: [Plot.dot([1, 2, 3])] });
    await saveSvg(chart, `${dir}/nested/chart.svg`);
    assert.equal(await Deno.readTextFile(`${dir}/nested/chart.svg`), chart.svg);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
