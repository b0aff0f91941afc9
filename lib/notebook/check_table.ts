/**
 * The compact feedback table that `check()` shows under a check cell.
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "./display.ts";
import type { ExerciseManifest } from "./manifest.ts";
import type { ChecksOutcome } from "./outcome.ts";

/** What the table shows besides the outcome. */
export interface CheckTableExtras {
  /** How many hidden checks `deno task grade` will run on top of these. */
  hiddenCount: number;
  /** The learner's timeline as SVG markup, shown under the table on failure. */
  timelineSvg?: string | null;
}

const CELL = "padding:2px 8px;text-align:left;vertical-align:top;border:none";
const CODE = "font-family:monospace";

/**
 * Renders a check outcome: a header with the score, one row per check (mark,
 * name, message), and a hint line naming the `hint()` call. Plain text twin
 * for terminals.
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
  const hiddenNote = extras.hiddenCount > 0
    ? ` (${extras.hiddenCount} more run in <code>deno task grade</code>)`
    : "";
  const hintCall = `hint("${manifest.id}")`;
  const footer = outcome.passed
    ? `Well done. <code>deno task grade ${escapeHtml(manifest.id)}</code> records the points.`
    : `Run <code style="${CODE}">${escapeHtml(hintCall)}</code> for a hint.`;
  const rows = outcome.checks.map((c) => {
    const mark = c.passed
      ? `<span style="color:#1a7f37">&#10004; pass</span>`
      : `<span style="color:#cf222e">&#10008; ${c.error ?? "fail"}</span>`;
    return `<tr><td style="${CELL};white-space:nowrap">${mark}</td>` +
      `<td style="${CELL}">${escapeHtml(c.name)}</td>` +
      `<td style="${CELL};${CODE}">${escapeHtml(c.message)}</td></tr>`;
  });
  const problem = outcome.checks.length === 0 || (!outcome.passed && passedCount === 0 &&
      outcome.checks.every((c) => c.message === "not run"))
    ? `<div style="color:#cf222e;${CODE}">${escapeHtml(outcome.message)}</div>`
    : "";
  const html = `<div class="course-check">` +
    `<div><b>${escapeHtml(manifest.title)}</b> <code>${escapeHtml(manifest.id)}</code>: ` +
    `${verdict}${hiddenNote}${outcome.passed ? ` &mdash; ${manifest.points} points` : ""}</div>` +
    problem +
    `<table style="border-collapse:collapse;margin:4px 0">${rows.join("")}</table>` +
    `<div>${footer}</div>` +
    (extras.timelineSvg ? `<div>Your program's timeline:</div>${extras.timelineSvg}` : "") +
    `</div>`;
  const textRows = outcome.checks.map((c) =>
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
