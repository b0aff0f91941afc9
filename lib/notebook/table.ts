/**
 * `table`: rows of values as a left-aligned HTML table with rounded numbers,
 * the notebook's replacement for `console.table` (which prints an index
 * column, quotes and box-drawing characters, and every digit of a float).
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "./display.ts";

/** Options for {@linkcode table}. */
export interface TableOptions {
  /** A caption above the table. */
  title?: string;
  /** Digits after the decimal point for non-integer numbers. Default 1. */
  digits?: number;
}

/**
 * Shows rows (objects with the same keys) as a table: one column per key, in
 * the order of the first row's keys; numbers right-aligned and rounded.
 * @param rows The rows.
 * @param options Caption and rounding.
 * @returns HTML for the notebook, with an aligned plain-text twin.
 * @example
 * ```ts
 * import { table } from "@course/lib";
 * console.log(String(table([{ line: "request", "wall ms": 151.234 }])));
 * // line     wall ms
 * // request    151.2
 * ```
 */
export function table(rows: readonly object[], options: TableOptions = {}): HtmlOutput {
  const records = rows as readonly Record<string, unknown>[];
  const digits = options.digits ?? 1;
  const keys = [...new Set(records.flatMap((row) => Object.keys(row)))];
  const show = (value: unknown): string =>
    typeof value === "number"
      ? (Number.isInteger(value) ? String(value) : value.toFixed(digits))
      : value === undefined || value === null
      ? ""
      : String(value);
  const numeric = keys.map((key) => records.every((row) => typeof row[key] !== "string"));
  const cells = records.map((row) => keys.map((key) => show(row[key])));
  const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((c) => c[i].length)));
  const pad = (text: string, i: number) =>
    numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]);
  const text = [keys.map(pad), ...cells.map((c) => c.map(pad))]
    .map((line) => line.join("  ").trimEnd()).join("\n");
  const align = (i: number) => `text-align:${numeric[i] ? "right" : "left"}`;
  const head = keys.map((key, i) => `<th style="${align(i)}">${escapeHtml(key)}</th>`).join("");
  const body = cells.map((c) =>
    `<tr>${c.map((v, i) => `<td style="${align(i)}">${escapeHtml(v)}</td>`).join("")}</tr>`
  ).join("");
  const caption = options.title
    ? `<caption style="text-align:left;font-weight:bold;white-space:nowrap">${
      escapeHtml(options.title)
    }</caption>`
    : "";
  // Classic Jupyter draws tables at 12 px and centred: ours sit left, at the prose's 14 px.
  const html = `<table class="course-table" ` +
    `style="margin-left:0;border-collapse:collapse;font-size:14px">` +
    `${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  return new HtmlOutput(html, options.title ? `${options.title}\n${text}` : text);
}
