/**
 * The tally of the CPython ports: for each CPython test file, how many tests are ported, how
 * many of those behave as CPython specifies, how many differ on purpose (documented), and how
 * many are skipped (listed with a reason in SKIPPED.md). The ports themselves are run, and must
 * all pass, by `deno task unit`; this counts what they claim.
 *
 * `deno run -A tests/cpython/tally.ts` prints a table; `--json` prints the tally as JSON.
 *
 * @module
 */
import { z } from "zod";
import { registry } from "./_port.ts";

const here = new URL(".", import.meta.url);

/** One CPython file's counts. */
export const FileTallySchema = z.object({
  file: z.string(),
  ported: z.number().int(),
  asCPython: z.number().int(),
  deliberate: z.number().int(),
  skipped: z.number().int(),
});
/** The whole tally. */
export const TallySchema = z.object({
  files: z.array(FileTallySchema),
  total: FileTallySchema,
  /** Ported tests that behave as CPython specifies, in percent of the ported ones. */
  percentAsCPython: z.number(),
  /** Names that are both ported and listed as skipped (must be none). */
  skippedAndPorted: z.array(z.string()),
  /** Names registered twice in one file (must be none). */
  duplicates: z.array(z.string()),
});
/** The tally's type, inferred from its schema. */
export type Tally = z.infer<typeof TallySchema>;

/** A skipped test: its CPython file, name and the reason. */
export interface SkippedTest {
  file: string;
  name: string;
  reason: string;
}

/**
 * Reads SKIPPED.md: a `## test_file` heading, then table rows `` | `test_name` | reason | ``.
 * @param text The file's text.
 * @returns The skipped tests, in order.
 */
export function parseSkipped(text: string): SkippedTest[] {
  const skipped: SkippedTest[] = [];
  let file: string | null = null;
  for (const line of text.split("\n")) {
    const heading = /^## (test_\w+)/.exec(line);
    if (heading) file = heading[1];
    const row = /^\| `([\w.]+)` +\| (.+?) +\|$/.exec(line);
    if (row === null) continue;
    if (file === null) {
      throw new Error(`SKIPPED.md: the row for ${row[1]} comes before any "## test_..." heading`);
    }
    skipped.push({ file, name: row[1], reason: row[2] });
  }
  return skipped;
}

/**
 * Imports every `test_*_test.ts` beside this file (registering nothing under `deno run`) and
 * counts the ports and the skips.
 * @returns The tally.
 */
export async function tally(): Promise<Tally> {
  const testFiles: string[] = [];
  for await (const entry of Deno.readDir(here)) {
    if (/^test_\w+_test\.ts$/.test(entry.name)) testFiles.push(entry.name);
  }
  for (const name of testFiles.sort()) await import(new URL(name, here).href);
  const skipped = parseSkipped(await Deno.readTextFile(new URL("SKIPPED.md", here)));

  const files = [...new Set([...registry.map((r) => r.file), ...skipped.map((s) => s.file)])]
    .sort();
  const rows = files.map((file) => {
    const ports = registry.filter((r) => r.file === file);
    const deliberate = ports.filter((r) => r.differsBecause !== null).length;
    return {
      file,
      ported: ports.length,
      asCPython: ports.length - deliberate,
      deliberate,
      skipped: skipped.filter((s) => s.file === file).length,
    };
  });
  const sum = (key: "ported" | "asCPython" | "deliberate" | "skipped") =>
    rows.reduce((n, row) => n + row[key], 0);
  const total = {
    file: "all",
    ported: sum("ported"),
    asCPython: sum("asCPython"),
    deliberate: sum("deliberate"),
    skipped: sum("skipped"),
  };
  const key = (r: { file: string; name: string }) => `${r.file}: ${r.name}`;
  const portedKeys = registry.map(key);
  const bare = new Set(registry.map((r) => `${r.file}: ${r.name.replace(/^\w+\./, "")}`));
  return TallySchema.parse({
    files: rows,
    total,
    percentAsCPython: total.ported === 0 ? 0 : (100 * total.asCPython) / total.ported,
    skippedAndPorted: skipped.map(key).filter((k) => portedKeys.includes(k) || bare.has(k)),
    duplicates: portedKeys.filter((k, i) => portedKeys.indexOf(k) !== i),
  });
}

if (import.meta.main) {
  const result = await tally();
  if (Deno.args.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.table([...result.files, result.total]);
    console.log(
      `${result.percentAsCPython.toFixed(1)}% of the ported tests behave as CPython specifies`,
    );
  }
}
