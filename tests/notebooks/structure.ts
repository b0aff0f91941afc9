/**
 * The structure rules every chapter keeps, as functions from a notebook to the
 * list of its problems, so that the tests can run them on the course and on
 * notebooks broken on purpose (a rule that cannot fail checks nothing).
 *
 * @module
 */
import { joinText, type Notebook } from "../../tools/nb/notebook_schema.ts";

/** "About 200 words": a prose cell longer than this is split or trimmed. */
export const MAX_WORDS = 220;

/** Markdown without fenced code and table rows, for counting words and headings. */
export function proseOf(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, "").split("\n").filter((l) => !l.startsWith("|"))
    .join("\n");
}

/**
 * Opening and closing: `# N. Title`, a time estimate and goals in the first
 * cell; a recap card (`## Summary` with at least three points, and a line
 * that leads to the next chapter) in the last part of the chapter.
 *
 * @param name The file name, e.g. `03-concurrency-and-parallelism.ipynb`.
 * @param notebook The notebook.
 * @param last Whether this is the course's last chapter (no "Next, chapter").
 * @returns One line per problem.
 */
export function chapterShapeProblems(name: string, notebook: Notebook, last = false): string[] {
  const problems: string[] = [];
  const chapter = Number(name.slice(0, 2));
  const cells = notebook.cells;
  const first = joinText(cells[0]?.source ?? "");
  if (!first.startsWith(`# ${chapter}. `)) {
    problems.push(`${name}: first cell is not "# ${chapter}. ..."`);
  }
  if (!/\*\*Time:\*\* (about|this)/.test(first)) {
    problems.push(`${name}: no "**Time:** about ..." in the first cell`);
  }
  if (chapter === 0) return problems;
  if (!/able to|learn to/.test(first)) {
    problems.push(`${name}: the first cell states no goals ("you will be able to")`);
  }
  const summary = cells.findIndex((c) =>
    c.cell_type === "markdown" && joinText(c.source).startsWith("## Summary")
  );
  if (summary < 0 || summary < 0.7 * cells.length) { // quizzes may follow it
    problems.push(`${name}: no "## Summary" in the last part of the chapter`);
    return problems;
  }
  const recap = joinText(cells[summary].source);
  const points = recap.split("\n").filter((line) => /^[-*] \S/.test(line)).length;
  if (points < 3) problems.push(`${name}: the summary has ${points} points (at least 3)`);
  if (!last && !new RegExp(`Next, chapter ${chapter + 1}\\b`).test(recap)) {
    problems.push(`${name}: the summary does not lead on ("Next, chapter ${chapter + 1} ...")`);
  }
  return problems;
}

/**
 * Prose cells: at most one heading, at the top, and at most {@link MAX_WORDS} words.
 *
 * @param name The file name.
 * @param notebook The notebook.
 * @returns One line per problem, naming the cell id.
 */
export function proseCellProblems(name: string, notebook: Notebook): string[] {
  const problems: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = proseOf(joinText(cell.source)).trim();
    const headings = text.split("\n").filter((line) => /^#{1,6} /.test(line));
    if (headings.length > 1) problems.push(`${name}#${cell.id}: ${headings.length} headings`);
    if (headings.length === 1 && !/^#{1,6} /.test(text)) {
      problems.push(`${name}#${cell.id}: heading "${headings[0]}" is not at the top of its cell`);
    }
    const words = text.split(/\s+/).filter(Boolean).length;
    if (words > MAX_WORDS) {
      problems.push(`${name}#${cell.id}: ${words} words (at most ${MAX_WORDS})`);
    }
  }
  return problems;
}

/** What only Linux has: `/proc`, `taskset`, and the library's readers of `/proc`. */
const LINUX_ONLY =
  /\/proc\/|\btaskset\b|\b(measureThreadCpu|readThreadCpu|measureContextSwitches|readContextSwitches|javascriptThreadId)\(/;

/**
 * Cells that need Linux check for it (`hasProc()` or `Deno.build.os`) and say
 * what they skip elsewhere (`linuxOnlyMessage(...)` or a `skipped:` line).
 *
 * @param name The file name.
 * @param notebook The notebook.
 * @returns One line per problem, naming the cell id.
 */
export function linuxGuardProblems(name: string, notebook: Notebook): string[] {
  const problems: string[] = [];
  for (const cell of notebook.cells) {
    const source = joinText(cell.source);
    if (cell.cell_type !== "code" || !LINUX_ONLY.test(source)) continue;
    if (!/hasProc\(\)|Deno\.build\.os/.test(source)) {
      problems.push(`${name}#${cell.id} needs Linux but does not check for it`);
    } else if (!/linuxOnlyMessage\(|skipped:|no \/proc/.test(source)) {
      problems.push(`${name}#${cell.id} skips elsewhere without saying so`);
    }
  }
  return problems;
}

/** Sentences that take this machine's core count for granted. */
const ASSUMED_CORES =
  /\b(this|your|the learner's) (machine|computer|laptop)('s)? (has|with) (two|2|four|4) cores|\byour (two|2|four|4) cores|\bon (both|all four) (of your|of this machine's) cores/i;

/**
 * No prose assumes the machine's core count: it is read
 * (`navigator.hardwareConcurrency`) and printed, never stated. A simulated
 * machine may have any number of cores; the pattern looks for the learner's
 * own.
 *
 * @param name The file name.
 * @param notebook The notebook.
 * @returns One line per problem, naming the cell id.
 */
export function assumedCoreProblems(name: string, notebook: Notebook): string[] {
  const problems: string[] = [];
  for (const cell of notebook.cells) {
    const text = joinText(cell.source).replace(/\s+/g, " ");
    const match = text.match(ASSUMED_CORES);
    if (match) problems.push(`${name}#${cell.id}: "${match[0]}" (read the machine's count)`);
  }
  return problems;
}

/**
 * Results are shown with the course's `table()` (left-aligned HTML, rounded
 * numbers), never `console.table`'s index column, quotes and box drawing.
 *
 * @param name The file name.
 * @param notebook The notebook.
 * @returns One line per problem, naming the cell id.
 */
export function consoleTableProblems(name: string, notebook: Notebook): string[] {
  return notebook.cells
    .filter((cell) => cell.cell_type === "code" && /console\.table\(/.test(joinText(cell.source)))
    .map((cell) => `${name}#${cell.id}: console.table; use table() from @course/lib`);
}
