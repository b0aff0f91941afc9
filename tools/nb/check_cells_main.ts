/**
 * `deno task check:notebooks [notebooks or folders...] [--only check|lint]`
 *
 * Type-checks and lints the code cells of the notebooks (default: every
 * notebook in `notebooks/`), exercise stubs and reference solutions both,
 * prints each problem with its notebook, cell and line, and exits 1 when
 * there is any. `deno task check` runs it with `--only check`, `deno task lint`
 * with `--only lint`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { checkNotebookCells, formatDiagnostic } from "./check_cells.ts";
import { findNotebooks } from "./main.ts";

const USAGE = "usage: deno task check:notebooks [notebook.ipynb | folder]... [--only check|lint]";

/**
 * Runs the CLI.
 *
 * @param args command-line arguments
 * @returns the exit code: 0 clean, 1 problems found, 2 bad usage or unreadable notebook
 */
export async function main(args: string[]): Promise<number> {
  let notebooks: string[];
  let only: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { only: { type: "string" } },
    });
    only = values.only;
    if (only !== undefined && only !== "check" && only !== "lint") throw new Error(USAGE);
    notebooks = (await findNotebooks(positionals.length > 0 ? positionals : ["notebooks/"]))
      .map((path) => relative(Deno.cwd(), path));
  } catch (e) {
    console.error(`check:notebooks: ${(e as Error).message}`);
    return 2;
  }
  const started = performance.now();
  let result;
  try {
    result = await checkNotebookCells(notebooks, {
      check: only !== "lint",
      lint: only !== "check",
    });
  } catch (e) {
    console.error(`check:notebooks: ${(e as Error).message}`);
    return 2;
  }
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  const what = only === undefined
    ? "type check and lint"
    : only === "check"
    ? "type check"
    : "lint";
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const problems = result.diagnostics.length;
  console.log(
    `check:notebooks: ${what} of ${notebooks.length} notebooks ` +
      `(${result.files.length} modules in .course/cells/): ` +
      `${
        problems === 0 ? "clean" : `${problems} problem${problems === 1 ? "" : "s"}`
      }, ${seconds} s`,
  );
  return problems > 0 ? 1 : 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
