/**
 * The feedback card that `check()` shows under a check cell: readable at a
 * glance, with the verdict in colour at the top and one line per check.
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "./display.ts";
import { hintHtml } from "./hint.ts";
import type { ExerciseManifest } from "./manifest.ts";
import type { CheckOutcome, ChecksOutcome } from "./outcome.ts";

/** What the card shows besides the outcome. */
export interface CheckTableExtras {
  /** How many hidden checks `deno task grade` will run on top of these. */
  hiddenCount: number;
  /** The learner's timeline as SVG markup, shown under the card on failure. */
  timelineSvg?: string | null;
}

/** The card's colours: GitHub's green and red, with light tints behind the verdict. */
const PASS = { ink: "#1a7f37", tint: "#dafbe1" };
const FAIL = { ink: "#cf222e", tint: "#ffebe9" };
// The size of the notebook's prose (14 px in classic Jupyter), not the 12 px of outputs.
const CARD = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;" +
  "line-height:1.45;border:1px solid #d0d7de;border-radius:6px;max-width:60em;margin:4px 0;" +
  "overflow:hidden";
const CODE = "font-family:monospace;background:#f6f8fa;padding:0 3px;border-radius:3px";

/** Words for a check that crashed, by error kind, instead of the bare kind. */
const CRASHED: Record<string, string> = {
  throw: "threw an error",
  timeout: "did not finish in time",
  permission: "needs a permission it lacks",
  exit: "ended the process",
  output: "printed too much",
  syntax: "does not parse",
  crash: "crashed",
  tamper: "changed a built-in",
  notebook: "notebook problem",
  cell: "cell missing",
};

function checkRow(c: CheckOutcome): string {
  const colour = c.passed ? PASS : FAIL;
  const mark = c.passed ? "&#10004;" : "&#10008;";
  const why = !c.passed && c.error
    ? ` <span style="color:${FAIL.ink};font-size:12px;border:1px solid ${FAIL.ink};` +
      `border-radius:9px;padding:0 6px">${escapeHtml(CRASHED[c.error] ?? c.error)}</span>`
    : "";
  // The message sits under the name, in the prose font: no narrow columns, nothing wraps beside it.
  const message = !c.passed && c.message
    ? `<div class="course-check-message" style="color:#3d444d;margin-top:1px">` +
      `${hintHtml(c.message)}</div>`
    : "";
  return `<li class="course-check-row" data-passed="${c.passed}" ` +
    `style="display:flex;gap:8px;padding:4px 0;border-top:1px solid #eaeef2">` +
    `<span style="color:${colour.ink};font-weight:bold;width:1.2em;flex:none">${mark}</span>` +
    `<div style="min-width:0"><div>${hintHtml(c.name)}${why}</div>${message}</div></li>`;
}

/**
 * Renders a check outcome as a card: a coloured verdict line with the score,
 * one line per check (a mark, its name, and under a failing one what was
 * expected and what the code gave), then what to do next. Plain-text twin for
 * terminals.
 *
 * @param manifest The exercise's manifest (id, title, points).
 * @param outcome The outcome of its visible checks.
 * @param extras Hidden check count and an optional timeline.
 * @returns Displayable HTML with a text fallback.
 */
export function renderCheckTable(
  manifest: ExerciseManifest,
  outcome: ChecksOutcome,
  extras: CheckTableExtras,
): HtmlOutput {
  const passedCount = outcome.checks.filter((c) => c.passed).length;
  const verdict = outcome.passed
    ? `all ${outcome.checks.length} checks pass`
    : `${passedCount} of ${outcome.checks.length} checks pass`;
  const colour = outcome.passed ? PASS : FAIL;
  const hiddenNote = extras.hiddenCount > 0
    ? ` <span style="color:#59636e">(${extras.hiddenCount} more run in ` +
      `<code style="${CODE}">deno task grade</code>)</span>`
    : "";
  const hintCall = `hint("${manifest.id}")`;
  const footer = outcome.passed
    ? `Well done. <code style="${CODE}">deno task grade ${
      escapeHtml(manifest.id)
    }</code> records the points.`
    : `Run <code style="${CODE}">${escapeHtml(hintCall)}</code> for a hint.`;
  const problem = outcome.checks.length === 0 || (!outcome.passed && passedCount === 0 &&
      outcome.checks.every((c) => c.message === "not run"))
    ? `<div class="course-check-problem" style="color:${FAIL.ink};padding:6px 12px 0">` +
      `${hintHtml(outcome.message)}</div>`
    : "";
  const rows = problem ? [] : outcome.checks.map(checkRow);
  const html = `<div class="course-check" data-passed="${outcome.passed}" style="${CARD}">` +
    `<div class="course-check-verdict" style="background:${colour.tint};` +
    `border-left:4px solid ${colour.ink};padding:6px 12px">` +
    `<span style="color:${colour.ink};font-weight:bold;font-size:15px">` +
    `${outcome.passed ? "&#10004;" : "&#10008;"} ${verdict}</span>` +
    `${outcome.passed ? ` &middot; <b>${manifest.points} points</b>` : ""}${hiddenNote}` +
    `<div><b>${hintHtml(manifest.title)}</b> ` +
    `<code style="${CODE}">${escapeHtml(manifest.id)}</code></div></div>` +
    problem +
    (rows.length
      ? `<ul style="list-style:none;margin:0;padding:2px 12px">${rows.join("")}</ul>`
      : "") +
    `<div style="padding:6px 12px;border-top:1px solid #eaeef2">${footer}</div>` +
    (extras.timelineSvg
      ? `<div style="padding:0 12px 6px">Your program's timeline:</div>${extras.timelineSvg}`
      : "") +
    `</div>`;
  const textRows = problem
    ? []
    : outcome.checks.map((c) =>
      `${c.passed ? "pass" : (c.error ?? "fail").padEnd(4)}  ${c.name}${
        c.message ? `: ${c.message}` : ""
      }`
    );
  const text = [
    `${manifest.title} (${manifest.id}): ${verdict}`,
    ...(problem ? [outcome.message] : []),
    ...textRows,
    outcome.passed
      ? `deno task grade ${manifest.id} records the points.`
      : `Run ${hintCall} for a hint.`,
  ].join("\n");
  return new HtmlOutput(html, text);
}
