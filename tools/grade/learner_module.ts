/**
 * Turns the learner's cells into a module the sandbox can import: the cells
 * in order, then one export of the names the checks receive.
 *
 * @module
 */
import type { CellSource } from "./notebook_cells.ts";

/** The name of the object the learner module exports with the manifest's names. */
export const BINDINGS_EXPORT = "__courseBindings";

/** A generated module and how to map its lines back to cells. */
export interface LearnerModule {
  /** TypeScript source. */
  source: string;
  /** Where each cell starts in `source` (1-based line of its first line), in order. */
  cellStarts: { cellId: string; line: number }[];
}

// An import statement on one line, as notebook cells usually write them.
const ONE_LINE_IMPORT = /^\s*import\s[^;]*from\s*["'][^"']+["'];?\s*$/;

/**
 * Builds the learner module. Identical one-line imports repeated in several
 * cells are kept once: the kernel accepts them cell by cell, a module would
 * reject the duplicate declaration.
 *
 * @param cells The needed cells, then the exercise cell.
 * @param exportNames The manifest's `exports`.
 * @returns The source and its cell map.
 */
export function buildLearnerModule(cells: CellSource[], exportNames: string[]): LearnerModule {
  const seenImports = new Set<string>();
  const lines: string[] = [];
  const cellStarts: LearnerModule["cellStarts"] = [];
  for (const cell of cells) {
    lines.push(`// --- cell ${cell.cellId} ---`);
    cellStarts.push({ cellId: cell.cellId, line: lines.length + 1 });
    for (const line of cell.source.split("\n")) {
      if (ONE_LINE_IMPORT.test(line)) {
        const key = line.trim().replace(/;$/, "");
        // Keep the line count (for the cell map) but drop the duplicate statement.
        lines.push(seenImports.has(key) ? "" : line);
        seenImports.add(key);
      } else {
        lines.push(line);
      }
    }
  }
  // `typeof` never throws, so a deleted name reaches the checks as undefined, not as a crash.
  const entries = exportNames.map((n) => `  ${n}: typeof ${n} === "undefined" ? undefined : ${n},`);
  lines.push(
    "",
    "// --- added by the grader: the names the checks receive ---",
    `export const ${BINDINGS_EXPORT} = {`,
    ...entries,
    "};",
    "",
  );
  return { source: lines.join("\n"), cellStarts };
}

/**
 * Rewrites positions in the generated file (`file:///tmp/.../x.ts:12:5`) as
 * positions in the notebook's cells (`cell "ex-cell" line 3:5`).
 *
 * @param text A message or stack trace.
 * @param moduleUrl The generated module's URL.
 * @param module The module, for its cell map.
 * @returns The text with positions mapped.
 */
export function mapPositions(text: string, moduleUrl: string, module: LearnerModule): string {
  const escaped = moduleUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`${escaped}(?::(\\d+)(?::(\\d+))?)?`, "g"), (_, l, c) => {
    if (!l) return "the exercise cell";
    const line = Number(l);
    const start = module.cellStarts.findLast((s) => s.line <= line);
    if (!start) return "code added by the grader";
    return `cell "${start.cellId}" line ${line - start.line + 1}${c ? `:${c}` : ""}`;
  });
}

// Static imports and re-exports, side-effect imports, and dynamic imports with a literal specifier:
// the ones Deno resolves without read permission.
const IMPORT_SPECIFIERS = [
  /\b(?:import|export)\s[^;]*?\bfrom\s*(["'])([^"'\n]+)\1/g,
  /\bimport\s*(["'])([^"'\n]+)\1/g,
  /\bimport\s*\(\s*(["'`])([^"'`\n]+)\1/g,
];

/**
 * The import specifiers of the learner's code that the sandbox refuses: an
 * exercise cell may import the course library (`@course/lib`, `@course/lib/...`),
 * the import map's packages, and `npm:` / `node:` modules, but no file by path
 * or URL, so that it cannot load the grader's own modules or an exercise's
 * checks and change them.
 *
 * @param source The learner module's source.
 * @param importMap The names in `deno.json`'s `imports`.
 * @returns The refused specifiers, in order of appearance (empty when all are fine).
 *
 * @example
 * ```ts
 * import { refusedImports } from "./learner_module.ts";
 * const source = 'import { sleep } from "@course/lib";\nimport x from "../../exercises/a/check.ts";';
 * console.log(refusedImports(source, ["@course/lib", "@course/lib/"])); // ["../../exercises/a/check.ts"]
 * ```
 */
export function refusedImports(source: string, importMap: readonly string[]): string[] {
  const allowed = (specifier: string) => {
    if (/^(npm|node):/.test(specifier)) return true;
    if (specifier.split("/").some((part) => part === ".." || part === ".")) return false;
    return importMap.some((name) =>
      specifier === name || specifier.startsWith(name.endsWith("/") ? name : `${name}/`)
    );
  };
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of IMPORT_SPECIFIERS) {
    for (const match of source.matchAll(pattern)) {
      if (!allowed(match[2])) found.push({ at: match.index, specifier: match[2] });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.specifier))];
}
