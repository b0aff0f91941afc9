/**
 * Type-checks and lints the TypeScript in notebooks' code cells, which
 * `deno check` skips and `deno lint` does not accept.
 *
 * Each notebook becomes one module (see `cell_module.ts`), written to
 * `.course/cells/` inside the repo so that the repo's import map resolves
 * `@course/lib` and npm packages. A notebook with exercise cells is checked
 * twice: as shipped (the stubs) and with every exercise cell replaced by its
 * `exercises/<id>/solution.ts`, since both must compile. One `deno check` and
 * one `deno lint` run over all the modules, and each diagnostic is mapped back
 * to the notebook, cell and line.
 *
 * @module
 */
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CellModule, cellModule, type CellSource } from "./cell_module.ts";
import { joinText, type Notebook, parseNotebook } from "./notebook_schema.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Lint rules that do not fit notebook cells, each with the reason.
 * The rest of the recommended rules apply to cells as to any other source.
 */
export const RULES_OFF_IN_CELLS: Readonly<Record<string, string>> = {
  "no-unused-vars":
    "cells define names for the learner: `hint` is imported for learners to call, " +
    "a stub's parameters and imports are there for the learner's answer",
  "require-yield": "the course shows generators that never yield on purpose: a hog that never " +
    "gives the loop a turn, a generator whose body runs only when asked",
  "require-await": "the course shows async functions that never await on purpose: `async` alone " +
    "does not make CPU work concurrent",
};

/** Which version of a notebook a module holds. */
export type Variant = "shipped" | "solutions";

/** One problem found in a notebook's code. */
export interface CellDiagnostic {
  /** The notebook's path, as given. */
  notebook: string;
  /** `shipped`: the notebook as is; `solutions`: its exercise cells replaced by their solutions. */
  variant: Variant;
  /** `check` (TypeScript) or `lint`. */
  tool: "check" | "lint";
  /** `TS2322`, or the lint rule's name. */
  code: string;
  /** What is wrong; may span lines. */
  message: string;
  /** The cell, or null when the problem is in no cell (a line the checker added, a library file). */
  cell: {
    /** 1-based position among all cells. */
    cellNumber: number;
    /** 1-based position among code cells. */
    codeCellNumber: number;
    /** The cell's id, or null. */
    id: string | null;
    /** The exercise the cell holds, or null. */
    exercise: string | null;
  } | null;
  /** 1-based line within the cell (or of the file when `cell` is null), or null. */
  line: number | null;
  /** 1-based column, or null when the checker rewrote the line (hoisted imports). */
  column: number | null;
  /** The offending line of the cell, or "". */
  sourceLine: string;
}

/** Options of {@linkcode checkNotebookCells}. */
export interface CheckCellsOptions {
  /** Run `deno check`. Default true. */
  check?: boolean;
  /** Run `deno lint`. Default true. */
  lint?: boolean;
  /** Folder of `exercises/<id>/solution.ts`. Default: the repo's `exercises/`. */
  exercisesDir?: string;
  /** Where the modules go; must be inside the repo. Default: the repo's `.course/cells/`. */
  outDir?: string;
}

/** What {@linkcode checkNotebookCells} found. */
export interface CheckCellsResult {
  /** Every problem, in notebook and cell order; empty when all is clean. */
  diagnostics: CellDiagnostic[];
  /** The generated modules, for people who want to read them. */
  files: string[];
}

interface GeneratedFile {
  path: string;
  notebook: string;
  variant: Variant;
  module: CellModule;
  codeCellNumbers: Map<CellSource, number>;
  exercises: Map<CellSource, string>;
}

/** The exercise id in a cell's metadata (`"course": {"exercise": id}`), or null. */
function exerciseOf(metadata: Record<string, unknown>): string | null {
  const course = metadata.course;
  if (typeof course !== "object" || course === null) return null;
  const id = (course as Record<string, unknown>).exercise;
  return typeof id === "string" ? id : null;
}

async function buildFiles(
  path: string,
  notebook: Notebook,
  exercisesDir: string,
  outDir: string,
): Promise<GeneratedFile[]> {
  const code = notebook.cells
    .map((cell, i) => ({ cell, cellNumber: i + 1 }))
    .filter(({ cell }) => cell.cell_type === "code");
  const stem = basename(path).replace(/\.ipynb$/, "");
  const variants: Variant[] = code.some(({ cell }) => exerciseOf(cell.metadata) !== null)
    ? ["shipped", "solutions"]
    : ["shipped"];
  const files: GeneratedFile[] = [];
  for (const variant of variants) {
    const codeCellNumbers = new Map<CellSource, number>();
    const exercises = new Map<CellSource, string>();
    const sources: CellSource[] = [];
    for (const [i, { cell, cellNumber }] of code.entries()) {
      const exercise = exerciseOf(cell.metadata);
      const source = exercise !== null && variant === "solutions"
        ? await Deno.readTextFile(join(exercisesDir, exercise, "solution.ts"))
        : joinText(cell.source);
      const cellSource = { cellNumber, id: cell.id ?? null, source };
      sources.push(cellSource);
      codeCellNumbers.set(cellSource, i + 1);
      if (exercise !== null) exercises.set(cellSource, exercise);
    }
    let module: CellModule;
    try {
      module = cellModule(sources);
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    const suffix = variant === "shipped" ? "" : ".solutions";
    files.push({
      path: join(outDir, `${stem}${suffix}.ts`),
      notebook: path,
      variant,
      module,
      codeCellNumbers,
      exercises,
    });
  }
  return files;
}

/**
 * A config for the generated modules: the repo's import map and compiler
 * options (its own config excludes `.course/`, so it cannot be used as is),
 * and the lint rules that suit cells. The lock file is a copy, so that
 * nothing the checker does can rewrite the repo's `deno.lock`.
 */
async function writeConfig(outDir: string): Promise<string> {
  const root = JSON.parse(await Deno.readTextFile(join(REPO_ROOT, "deno.json")));
  const imports: Record<string, string> = {};
  for (const [key, target] of Object.entries(root.imports ?? {}) as [string, string][]) {
    const local = target.startsWith("./") || target.startsWith("../");
    imports[key] = local
      ? `./${relative(outDir, resolve(REPO_ROOT, target))}${target.endsWith("/") ? "/" : ""}`
      : target;
  }
  const config = {
    imports,
    compilerOptions: root.compilerOptions ?? {},
    lint: { rules: { exclude: Object.keys(RULES_OFF_IN_CELLS) } },
  };
  const path = join(outDir, "deno.json");
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2) + "\n");
  await Deno.copyFile(join(REPO_ROOT, "deno.lock"), join(outDir, "deno.lock"));
  return path;
}

async function runDeno(args: string[]): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return { code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}

/** A diagnostic as the tool printed it, before it is mapped to a cell. */
export interface RawDiagnostic {
  /** `check` (TypeScript) or `lint`. */
  tool: "check" | "lint";
  /** `TS2322`, or the lint rule's name. */
  code: string;
  /** What is wrong; may span lines. */
  message: string;
  /** Absolute path of the file, or null when the tool named none. */
  file: string | null;
  /** 1-based line, or null. */
  line: number | null;
  /** 1-based column, or null. */
  column: number | null;
}

/**
 * Reads `deno check`'s diagnostics from its output (it has no JSON output):
 * a header `TS1234 [ERROR]: message`, more message lines, the source line, a
 * line of `^` or `~`, then `    at file:///path:line:column`.
 *
 * @param output what `deno check` printed, without colours
 * @returns the diagnostics; a failure without any becomes one diagnostic holding the whole output
 */
export function parseCheckOutput(output: string): RawDiagnostic[] {
  const lines = output.split("\n");
  const found: RawDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^(?:error: )?(TS\d+) \[(?:ERROR|WARN)\]: (.*)$/.exec(lines[i]);
    if (!header) continue;
    const message = [header[2]];
    let j = i + 1;
    let at: RegExpExecArray | null = null;
    for (; j < lines.length && !/^(?:error: )?TS\d+ \[/.test(lines[j]); j++) {
      at = /^\s+at (file:\/\/\S+):(\d+):(\d+)$/.exec(lines[j]);
      if (at) break;
      message.push(lines[j]);
    }
    // Without a location the block is all message; with one, drop the source line and the marks.
    const caret = message.findIndex((l) => /^\s*[~^]+\s*$/.test(l));
    if (caret > 0) message.splice(caret - 1);
    found.push({
      tool: "check",
      code: header[1],
      message: message.join("\n").trimEnd(),
      file: at ? fileURLToPath(at[1]) : null,
      line: at ? Number(at[2]) : null,
      column: at ? Number(at[3]) : null,
    });
    i = j;
  }
  return found;
}

/**
 * Reads `deno lint --json`'s report.
 *
 * @param json what `deno lint --json` printed on stdout
 * @returns the diagnostics, parse errors included (code `syntax`)
 */
export function parseLintJson(json: string): RawDiagnostic[] {
  const report = JSON.parse(json) as {
    diagnostics: {
      filename: string;
      range: { start: { line: number; col: number } };
      message: string;
      code: string;
      hint?: string;
    }[];
    errors: { file_path: string; message: string }[];
  };
  return [
    ...report.diagnostics.map((d): RawDiagnostic => ({
      tool: "lint",
      code: d.code,
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
      file: d.filename.startsWith("file:") ? fileURLToPath(d.filename) : d.filename,
      line: d.range.start.line,
      column: d.range.start.col + 1, // deno lint counts columns from 0
    })),
    ...report.errors.map((e): RawDiagnostic => {
      const at = /:(\d+):(\d+)/.exec(e.message);
      return {
        tool: "lint",
        code: "syntax",
        message: e.message,
        file: e.file_path,
        line: at ? Number(at[1]) : null,
        column: at ? Number(at[2]) : null,
      };
    }),
  ];
}

/** Maps a diagnostic in a generated module back to its notebook cell. */
function toCell(raw: RawDiagnostic, file: GeneratedFile): CellDiagnostic {
  const origin = raw.line === null ? null : file.module.origins[raw.line - 1] ?? null;
  const base = {
    notebook: file.notebook,
    variant: file.variant,
    tool: raw.tool,
    code: raw.code,
    message: raw.message,
  };
  if (origin === null) {
    // A line the builder added: say where in the generated file, which stays on disk.
    const where = raw.line === null ? "" : ` (${file.path}:${raw.line})`;
    return {
      ...base,
      message: raw.message + where,
      cell: null,
      line: null,
      column: null,
      sourceLine: "",
    };
  }
  return {
    ...base,
    cell: {
      cellNumber: origin.cell.cellNumber,
      codeCellNumber: file.codeCellNumbers.get(origin.cell)!,
      id: origin.cell.id,
      exercise: file.exercises.get(origin.cell) ?? null,
    },
    line: origin.line,
    column: origin.verbatim ? raw.column : null,
    sourceLine: origin.cell.source.split("\n")[origin.line - 1] ?? "",
  };
}

/**
 * Type-checks and lints the code cells of notebooks.
 *
 * @param notebooks paths of `.ipynb` files
 * @param options which tools to run and where things are
 * @returns every problem found, mapped to notebook, cell and line
 * @throws Error when a notebook cannot be read or has an import the checker cannot read
 * @example
 * ```ts
 * const { diagnostics } = await checkNotebookCells(["notebooks/01-async-io.ipynb"]);
 * for (const d of diagnostics) console.log(formatDiagnostic(d));
 * ```
 */
export async function checkNotebookCells(
  notebooks: string[],
  options: CheckCellsOptions = {},
): Promise<CheckCellsResult> {
  const outDir = resolve(options.outDir ?? join(REPO_ROOT, ".course", "cells"));
  const exercisesDir = options.exercisesDir ?? join(REPO_ROOT, "exercises");
  await Deno.mkdir(outDir, { recursive: true });
  const files: GeneratedFile[] = [];
  for (const path of notebooks) {
    const notebook = parseNotebook(await Deno.readTextFile(path), path);
    files.push(...await buildFiles(path, notebook, exercisesDir, outDir));
  }
  if (files.length === 0) return { diagnostics: [], files: [] };
  await Promise.all(files.map((f) => Deno.writeTextFile(f.path, f.module.text)));
  const config = await writeConfig(outDir);
  const paths = files.map((f) => f.path);

  const [checked, linted] = await Promise.all([
    options.check === false ? null : runDeno(["check", "--config", config, "--quiet", ...paths]),
    options.lint === false ? null : runDeno(["lint", "--config", config, "--json", ...paths]),
  ]);
  const raw: RawDiagnostic[] = [];
  if (checked && checked.code !== 0) {
    const found = parseCheckOutput(checked.output);
    raw.push(...found.length > 0 ? found : [unreadable("check", checked.output)]);
  }
  if (linted) {
    try {
      raw.push(...parseLintJson(linted.output.slice(linted.output.indexOf("{"))));
    } catch {
      raw.push(unreadable("lint", linted.output));
    }
  }

  const byPath = new Map(files.map((f) => [f.path, f]));
  const mapped = raw.map((r) => {
    const file = r.file === null ? undefined : byPath.get(r.file);
    return file ? toCell(r, file) : outsideCells(r);
  });
  // A cell that both versions share reports the same problem twice: keep the
  // shipped one, so that "with the solutions" marks only what the solutions cause.
  mapped.sort((a, b) => Number(a.variant === "solutions") - Number(b.variant === "solutions"));
  const seen = new Set<string>();
  const diagnostics: CellDiagnostic[] = [];
  for (const d of mapped) {
    const key = JSON.stringify([
      d.notebook,
      d.cell?.cellNumber,
      d.line,
      d.column,
      d.code,
      d.message,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  const order = (
    d: CellDiagnostic,
  ) => [notebooks.indexOf(d.notebook), d.cell?.cellNumber ?? 0, d.line ?? 0];
  diagnostics.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return { diagnostics, files: paths };
}

/** A tool failed and said nothing this module can read: keep its whole output. */
function unreadable(tool: "check" | "lint", output: string): RawDiagnostic {
  return { tool, code: "failed", message: output.trim(), file: null, line: null, column: null };
}

/** A problem outside the generated modules (a library file, no location). */
function outsideCells(raw: RawDiagnostic): CellDiagnostic {
  const where = raw.file === null ? "" : ` (${raw.file}:${raw.line}:${raw.column})`;
  return {
    notebook: "",
    variant: "shipped",
    tool: raw.tool,
    code: raw.code,
    message: raw.message + where,
    cell: null,
    line: null,
    column: null,
    sourceLine: "",
  };
}

/**
 * One diagnostic for people: where, what, and the line of the cell.
 *
 * @param d the diagnostic
 * @returns a few lines of text, e.g.
 *   `notebooks/01-async-io.ipynb cell 3 (code cell 2, id "io-disk") line 2:7: check TS2322 ...`
 */
export function formatDiagnostic(d: CellDiagnostic): string {
  const notebook = d.notebook === "" ? "(outside the notebooks)" : d.notebook;
  let where = notebook;
  if (d.cell) {
    const id = d.cell.id === null ? "" : `, id ${JSON.stringify(d.cell.id)}`;
    where += ` cell ${d.cell.cellNumber} (code cell ${d.cell.codeCellNumber}${id})`;
    where += ` line ${d.line}${d.column === null ? "" : `:${d.column}`}`;
  }
  const version = d.variant === "shipped"
    ? ""
    : d.cell?.exercise
    ? ` [the solution of ${d.cell.exercise}]`
    : " [with the exercise solutions in place]";
  const message = d.message.split("\n").join("\n    ");
  const source = d.sourceLine.trim() === "" ? "" : `\n    | ${d.sourceLine}`;
  return `${where}${version}: ${d.tool} ${d.code}: ${message}${source}`;
}
