/**
 * What a notebook page must show after it has run, as a list of problems
 * (empty when all is well), so that one failure message names every bad cell.
 *
 * @module
 */
import type { CellOutput, ShownCell } from "./notebook_page.ts";

/** A cell as the notebook runner saved it (`deno task nb --out`). */
export interface ReferenceCell {
  /** The cell id. */
  id?: string;
  /** `code`, `markdown` or `raw`. */
  cell_type: string;
  /** Source lines or text. */
  source: string | string[];
  /** nbformat outputs. */
  outputs?: {
    output_type: string;
    name?: string;
    data?: Record<string, unknown>;
  }[];
}

/**
 * A run-independent summary of a cell's outputs: which kinds it has, and how
 * many results, displays and errors. Streams count once per name, because the
 * page merges consecutive stream chunks.
 *
 * @param outputs a cell's outputs (page summary or nbformat)
 * @returns e.g. `["display_data image/svg+xml,text/plain", "stream stdout"]`
 */
export function fingerprint(
  outputs: readonly {
    type?: string;
    output_type?: string;
    name?: string;
    mimes?: string[];
    data?: Record<string, unknown>;
  }[],
): string[] {
  const parts = new Set<string>();
  const counted: string[] = [];
  for (const o of outputs) {
    const type = o.type ?? o.output_type!;
    if (type === "stream") parts.add(`stream ${o.name}`);
    else counted.push(`${type} ${(o.mimes ?? Object.keys(o.data ?? {}).sort()).join(",")}`);
  }
  return [...parts, ...counted].sort();
}

function sourceOf(cell: ReferenceCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** A top-level statement (column 0) that prints, e.g. `console.log(...)`. */
const PRINTS_AT_TOP = /^(console\.(log|info|table)|display)\(/m;
/** A top-level check call: the cell must show a check table. */
const CHECKS_AT_TOP = /^await check\(/m;

/**
 * Problems with the cells a page shows after every cell has run.
 *
 * Always: every non-empty code cell ran; no error outputs or error boxes;
 * every SVG has a non-zero, visible box; every `image/svg+xml` output shows
 * an SVG; a top-level `console.log` printed; a top-level `await check(` shows
 * its table. With `reference` (the runner's saved notebook), each code cell
 * with the same id and source has the same output fingerprint.
 *
 * @param cells what the page shows
 * @param reference the runner's cells for the same notebook, if known
 * @returns human-readable problems, empty when none
 */
export function problemsIn(
  cells: readonly ShownCell[],
  reference?: readonly ReferenceCell[],
): string[] {
  const problems: string[] = [];
  const say = (cell: ShownCell, what: string) =>
    problems.push(`cell ${cell.index} (${cell.source.split("\n")[0].slice(0, 60)}): ${what}`);
  for (const cell of cells) {
    if (cell.type !== "code" || !cell.source.trim()) continue;
    if (cell.executionCount === null) say(cell, "did not run (no execution count)");
    for (const o of cell.outputs.filter((o) => o.type === "error")) {
      say(cell, `error output ${o.text}`);
    }
    if (cell.errorBoxes > 0 && !cell.outputs.some((o) => o.type === "error")) {
      say(cell, `${cell.errorBoxes} error box(es) on the page`);
    }
    for (const svg of cell.svgs) {
      if (!(svg.width > 0 && svg.height > 0 && svg.visible)) {
        say(cell, `chart not visible (${svg.width}x${svg.height}, visible: ${svg.visible})`);
      }
    }
    const svgOutputs = cell.outputs.filter((o) => o.mimes.includes("image/svg+xml")).length;
    if (cell.svgs.length < svgOutputs) {
      say(cell, `${svgOutputs} chart output(s) but ${cell.svgs.length} SVG(s) shown`);
    }
    if (
      PRINTS_AT_TOP.test(cell.source) &&
      !cell.outputs.some((o) => o.type === "stream" || o.type === "display_data")
    ) {
      say(cell, "prints at top level but shows no output");
    }
    if (CHECKS_AT_TOP.test(cell.source) && cell.checkTable === null) {
      say(cell, "shows no check table");
    }
    const ref = reference && matchReference(cell, reference);
    if (ref) {
      const want = fingerprint(ref.outputs ?? []);
      const got = fingerprint(cell.outputs);
      if (want.join("|") !== got.join("|")) {
        say(
          cell,
          `outputs ${JSON.stringify(got)}, the notebook runner got ${JSON.stringify(want)}`,
        );
      }
    }
  }
  return problems;
}

/** The runner's cell for a page cell: same position and source, else the first with the same source. */
function matchReference(
  cell: ShownCell,
  reference: readonly ReferenceCell[],
): ReferenceCell | undefined {
  const same = reference[cell.index];
  if (same && sourceOf(same) === cell.source) return same;
  return reference.find((c) => c.cell_type === "code" && sourceOf(c) === cell.source);
}

/**
 * Cells whose outputs differ between two runs of the same notebook (by
 * fingerprint): what an output landing in the wrong cell looks like.
 *
 * @param first cells after one run (e.g. cell by cell)
 * @param second cells after another (e.g. Run All)
 * @returns problems, empty when every cell matches
 */
export function differences(first: readonly ShownCell[], second: readonly ShownCell[]): string[] {
  const problems: string[] = [];
  for (const a of first) {
    const b = second[a.index];
    if (a.type !== "code") continue;
    const fa = fingerprint(a.outputs);
    const fb = fingerprint(b?.outputs ?? []);
    if (fa.join("|") !== fb.join("|")) {
      problems.push(`cell ${a.index}: ${JSON.stringify(fa)} then ${JSON.stringify(fb)}`);
    }
  }
  return problems;
}

/**
 * Problems in the probe notebook after Run All: cell i must show exactly its
 * own stream `out-i` and its own result `value-i`.
 *
 * @param cells the probe notebook's cells
 * @returns misplaced or missing outputs
 */
export function probeProblems(cells: readonly ShownCell[]): string[] {
  const problems: string[] = [];
  cells.forEach((cell, i) => {
    const texts = (o: CellOutput) => o.text.match(/(out|value)-\d+/g) ?? [];
    const seen = cell.outputs.flatMap(texts).sort();
    const want = [`out-${i}`, `value-${i}`];
    if (seen.join(" ") !== want.join(" ")) problems.push(`cell ${i} shows ${JSON.stringify(seen)}`);
  });
  return problems;
}
