/**
 * The Markdown table every benchmark prints, columns padded to line up in a
 * terminal as well as render on GitHub.
 *
 * @module
 */

/**
 * Formats a header and rows as a Markdown table, each column as wide as its widest cell.
 *
 * @param header The column names.
 * @param rows The cells, one array per row, in the header's order.
 * @returns The table's lines, joined with newlines.
 */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
