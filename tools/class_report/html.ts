/**
 * The class report as one HTML page: Plot charts of completion per chapter,
 * the exercises most failed and the misconceptions most common, then the
 * misconception table and the learners without a report.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { renderPlot, theme } from "@course/lib/chart/mod.ts";
import { escapeXml as escape } from "@course/lib/chart/_standalone.ts";
import type { LearnerResult } from "./collect.ts";
import type { ChapterCompletion, FailedExercise, MisconceptionGroup } from "./summarize.ts";

/** What the page shows. */
export interface ClassReportData {
  /** When the report was made. */
  generatedAt: Date;
  /** Every learner, with or without a report. */
  results: readonly LearnerResult[];
  /** Completion per chapter. */
  chapters: readonly ChapterCompletion[];
  /** The exercises most failed. */
  failed: readonly FailedExercise[];
  /** Failing checks by misconception. */
  groups: readonly MisconceptionGroup[];
  /** The CSV's file name, linked from the page. */
  csvName: string;
}

/** How many bars the "most failed" and "misconceptions" charts show. */
const TOP = 10;

/** Whole-number ticks for a count axis (Plot would put ticks at 0.5 for small counts). */
function countAxis(max: number): Record<string, unknown> {
  const top = Math.max(1, max);
  return {
    label: "learners",
    grid: true,
    tickFormat: "d",
    ...(top <= 10 ? { ticks: Array.from({ length: top + 1 }, (_, i) => i) } : {}),
  };
}

function shorten(text: string, max = 70): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function completionChart(chapters: readonly ChapterCompletion[]): string {
  return renderPlot({
    title: "Completion per chapter",
    subtitle: "exercises passed, % of what the learners with a report could pass",
    marginLeft: 220,
    height: 40 + 28 * chapters.length,
    x: { domain: [0, 100], label: "passed (%)", grid: true },
    y: { label: null },
    marks: [
      Plot.barX(chapters, { y: "chapter", x: "percent", fill: theme.kinds.run, sort: null }),
      Plot.text(chapters, {
        y: "chapter",
        x: "percent",
        text: (d: ChapterCompletion) => `${d.passed}/${d.possible}`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  }).svg;
}

function failedChart(failed: readonly FailedExercise[]): string {
  const top = failed.slice(0, TOP);
  return renderPlot({
    title: "Exercises most failed",
    subtitle: "learners whose last grading did not pass the exercise",
    marginLeft: 220,
    height: 40 + 28 * Math.max(1, top.length),
    x: countAxis(Math.max(0, ...top.map((d) => d.learners))),
    y: { label: null, domain: top.map((d) => d.id) },
    marks: [
      Plot.barX(top, { y: "id", x: "learners", fill: theme.kinds["wait-gil"] }),
      Plot.ruleX([0]),
    ],
  }).svg;
}

function misconceptionChart(groups: readonly MisconceptionGroup[]): string {
  const top = groups.slice(0, TOP).map((g) => ({ ...g, label: shorten(g.misconception, 60) }));
  return renderPlot({
    title: "Misconceptions most common",
    subtitle: "learners who failed at least one check revealing it",
    marginLeft: 420,
    width: 960,
    height: 40 + 28 * Math.max(1, top.length),
    x: countAxis(Math.max(0, ...top.map((d) => d.learners))),
    y: { label: null, domain: top.map((d) => d.label) },
    marks: [Plot.barX(top, { y: "label", x: "learners", fill: theme.kinds.io }), Plot.ruleX([0])],
  }).svg;
}

function misconceptionTable(groups: readonly MisconceptionGroup[]): string {
  if (groups.length === 0) return "<p>No check failed.</p>";
  const rows = groups.flatMap((g) =>
    g.checks.map((c, i) =>
      `<tr>${
        i === 0
          ? `<td rowspan="${g.checks.length}">${escape(g.misconception)}</td>` +
            `<td rowspan="${g.checks.length}" class="n">${g.learners}</td>`
          : ""
      }<td>${escape(c.exercise)}</td><td>${escape(c.check)}</td>` +
      `<td class="n">${c.learners.length}</td></tr>`
    )
  );
  return `<table id="misconceptions"><thead><tr><th>misconception</th><th>learners</th>` +
    `<th>exercise</th><th>failing check</th><th>learners</th></tr></thead>` +
    `<tbody>${rows.join("\n")}</tbody></table>`;
}

function missingList(results: readonly LearnerResult[]): string {
  const missing = results.filter((r) => !r.report);
  if (missing.length === 0) return "<p>Every learner has a report.</p>";
  return `<ul id="missing">${
    missing.map((r) => `<li><b>${escape(r.learner)}</b>: ${escape(r.problem ?? "")}</li>`).join("")
  }</ul>`;
}

/**
 * Renders the class report page.
 *
 * @param data the summaries to show
 * @returns a complete HTML document
 */
export function classReportHtml(data: ClassReportData): string {
  const graded = data.results.filter((r) => r.report).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report</title>
<style>
body { font-family: ${theme.fontFamily}; color: ${theme.ink}; max-width: 1000px; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.muted { color: ${theme.muted}; }
figure, svg { margin: 1.5em 0; display: block; }
</style></head><body>
<h1>Class report</h1>
<p class="muted">${data.results.length} learners, ${graded} with a grade report; made ${
    escape(data.generatedAt.toISOString())
  }. Points per learner and exercise: <a href="${escape(data.csvName)}">${
    escape(data.csvName)
  }</a>.</p>
<figure id="completion">${completionChart(data.chapters)}</figure>
<figure id="most-failed">${failedChart(data.failed)}</figure>
<figure id="misconception-chart">${misconceptionChart(data.groups)}</figure>
<h2>Failing checks by misconception</h2>
${misconceptionTable(data.groups)}
<h2>Learners without a report</h2>
${missingList(data.results)}
</body></html>
`;
}
