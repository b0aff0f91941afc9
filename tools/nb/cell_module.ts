/**
 * Turns a notebook's code cells into one TypeScript module that `deno check`
 * and `deno lint` accept, with a map from each line of the module back to its
 * cell and line, so that diagnostics can name the notebook's cell.
 *
 * The kernel runs cells as one REPL session, which a plain concatenation does
 * not quite match (each difference was tried with `deno task nb`):
 *
 * - Imports: the kernel accepts the same import in several cells (exercise
 *   cells repeat their imports to stand alone); a module rejects the duplicate.
 *   Every import is hoisted to the top, one line per imported name, each name
 *   once (kept as a value import if any cell imports it as a value).
 * - Re-declarations: the kernel lets a later cell declare a `const`, `let`,
 *   `function` or `class` again, and later cells see the new one; a module
 *   rejects it. One block per cell cannot work (later cells use earlier
 *   declarations), so the module opens a block `{` just before a cell that
 *   re-declares a name and closes it at the end of the file: the new binding
 *   shadows the old one for that cell and every cell after it, as in the
 *   kernel. Blocks are opened only where needed because a block hides its
 *   names from earlier cells, whereas in the kernel a function in an earlier
 *   cell may call one declared later (all are globals by the time it runs).
 * - A cell's last expression (its displayed value) is a valid statement in a
 *   module, so nothing is needed for it.
 *
 * Cells are read line by line and rely on `deno fmt` layout: a statement of
 * the cell itself (an import, a declaration) starts in column 0, anything
 * indented is inside a statement.
 *
 * @module
 */

/** One code cell, as the module builder sees it. */
export interface CellSource {
  /** 1-based position of the cell among all cells of the notebook. */
  cellNumber: number;
  /** The cell's id, or null when the notebook has none. */
  id: string | null;
  /** The TypeScript the cell runs. */
  source: string;
}

/** Where a line of the generated module comes from. */
export interface LineOrigin {
  /** The cell. */
  cell: CellSource;
  /** 1-based line within the cell. */
  line: number;
  /** True when the module holds the line as written, so columns carry over. */
  verbatim: boolean;
}

/** A notebook as one module. */
export interface CellModule {
  /** The module's text. */
  text: string;
  /** One entry per line of `text` (index 0 is line 1); null for lines the builder added. */
  origins: (LineOrigin | null)[];
}

interface ImportedName {
  /** `{ name }`, `{ name as local }`, `* as local`, or a default import. */
  kind: "named" | "namespace" | "default";
  imported: string;
  local: string;
  from: string;
  attributes: string;
  typeOnly: boolean;
  origin: LineOrigin;
}

const IMPORT_START = /^import(?:\s+type)?[\s{*"']|^import\s+[A-Za-z_$]/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** True for the first line of an import statement (not `import(...)` or `import.meta`). */
function isImportStart(line: string): boolean {
  return IMPORT_START.test(line);
}

/** True once the statement's text holds its module specifier. */
function isImportComplete(text: string): boolean {
  return /(?:from\s*|^import\s*)(["'])[^"']*\1/.test(text.replace(/\/\/.*$/gm, ""));
}

/** Line (1-based, within the statement) of the character at `index` of `text`. */
function lineAt(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/**
 * Parses one import statement.
 *
 * @returns the names it imports, or null for a side-effect import (`import "x"`)
 * @throws Error when the statement is not in a form this builder knows
 */
function parseImport(
  text: string,
  cell: CellSource,
  firstLine: number,
): { names: ImportedName[]; sideEffect: string | null } {
  const code = text.replace(/\/\/.*$/gm, (c) => " ".repeat(c.length)); // keep offsets
  const bare = /^import\s*(["'][^"']*["'])\s*(with\s*\{[^}]*\})?\s*;?\s*$/.exec(code);
  if (bare) return { names: [], sideEffect: `import ${bare[1]}${bare[2] ? ` ${bare[2]}` : ""};` };
  const match =
    /^import\s+(type\s+)?(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\*\s*as\s+([A-Za-z_$][\w$]*)|\{([^}]*)\})?\s*from\s*(["'][^"']*["'])\s*(with\s*\{[^}]*\})?\s*;?\s*$/
      .exec(code);
  if (!match) throw new Error(`cannot read this import: ${text}`);
  const [, typeKeyword, defaultName, namespace, braces, from, attributes = ""] = match;
  const typeOnly = typeKeyword !== undefined;
  const at = (index: number): LineOrigin => ({
    cell,
    line: firstLine + lineAt(text, index) - 1,
    verbatim: false,
  });
  const base = { from, attributes, typeOnly };
  const names: ImportedName[] = [];
  if (defaultName) {
    const index = code.indexOf(defaultName, code.indexOf("import") + 6);
    names.push({
      ...base,
      kind: "default",
      imported: "default",
      local: defaultName,
      origin: at(index),
    });
  }
  if (namespace) {
    names.push({
      ...base,
      kind: "namespace",
      imported: "*",
      local: namespace,
      origin: at(code.indexOf(`${namespace}`, code.indexOf("*"))),
    });
  }
  if (braces !== undefined) {
    let offset = code.indexOf("{") + 1;
    for (const part of braces.split(",")) {
      const spec = part.trim();
      const index = offset + part.indexOf(spec);
      offset += part.length + 1;
      if (spec === "") continue;
      const m = /^(type\s+)?([\w$]+|"[^"]*")(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(spec);
      if (!m) throw new Error(`cannot read the import of ${JSON.stringify(spec)} in: ${text}`);
      names.push({
        ...base,
        kind: "named",
        imported: m[2],
        local: m[3] ?? m[2],
        typeOnly: typeOnly || m[1] !== undefined,
        origin: at(index),
      });
    }
  }
  return { names, sideEffect: null };
}

/** The import statement that brings in one name. */
function importLine(name: ImportedName): string {
  const type = name.typeOnly ? "type " : "";
  const clause = name.kind === "default"
    ? name.local
    : name.kind === "namespace"
    ? `* as ${name.local}`
    : `{ ${name.imported === name.local ? name.local : `${name.imported} as ${name.local}`} }`;
  const attributes = name.attributes ? ` ${name.attributes}` : "";
  return `import ${type}${clause} from ${name.from}${attributes};`;
}

/**
 * The names a column-0 declaration line declares: `const x`, `let [a, b]`,
 * `const { a, b: c }`, `function f`, `async function* g`, `class C`,
 * `enum E`, `type T`, `interface I`.
 *
 * @param line a line of a cell that starts in column 0
 * @returns the declared names, empty when the line declares none
 */
export function declaredNames(line: string): string[] {
  const simple =
    /^(?:declare\s+)?(?:(?:async\s+)?function\s*\*?|(?:abstract\s+)?class|(?:const\s+)?enum|type|interface|namespace)\s+([A-Za-z_$][\w$]*)/
      .exec(line);
  if (simple) return [simple[1]];
  const variable = /^(?:declare\s+)?(?:const|let|var|using|await\s+using)\s+(.*)$/.exec(line);
  if (!variable) return [];
  const rest = variable[1];
  const single = /^([A-Za-z_$][\w$]*)/.exec(rest);
  if (single) return [single[1]];
  // A destructuring pattern on this line: the names are the identifiers that
  // are not property keys (`key:`) and not default values (after `=`).
  const close = rest.startsWith("[") ? "]" : "}";
  const end = rest.indexOf(close);
  const pattern = end < 0 ? rest.slice(1) : rest.slice(1, end);
  return pattern.split(",")
    .map((part) => part.replace(/=.*$/, "").replace(/^.*:/, "").replace("...", "").trim())
    .filter((name) => IDENTIFIER.test(name));
}

/**
 * Builds the module for a notebook's code cells.
 *
 * @param cells the code cells, in notebook order
 * @returns the module's text and where each of its lines comes from
 * @throws Error naming the cell when an import statement is in an unknown form
 * @example
 * ```ts
 * const { text, origins } = cellModule([
 *   { cellNumber: 1, id: "a", source: 'import { sleep } from "@course/lib";\nconst x = 1;' },
 *   { cellNumber: 2, id: "b", source: 'import { sleep } from "@course/lib";\nconst x = 2;\nx' },
 * ]);
 * console.log(text); // one import of sleep, then cell a, then `{`, cell b, `}`
 * console.log(origins[1]?.cell.id); // "a": the import line maps to where sleep was first imported
 * ```
 */
export function cellModule(cells: CellSource[]): CellModule {
  const imports = new Map<string, ImportedName>(); // by local name, first import wins
  const conflicts: ImportedName[] = []; // same local name, other module or name: let check report it
  const sideEffects = new Map<string, LineOrigin>();
  const bodies: { cell: CellSource; lines: { text: string; line: number }[] }[] = [];

  for (const cell of cells) {
    const lines = cell.source.split("\n");
    const body: { text: string; line: number }[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!isImportStart(lines[i])) {
        body.push({ text: lines[i], line: i + 1 });
        continue;
      }
      let end = i;
      while (!isImportComplete(lines.slice(i, end + 1).join("\n")) && end + 1 < lines.length) end++;
      const statement = lines.slice(i, end + 1).join("\n");
      let parsed;
      try {
        parsed = parseImport(statement, cell, i + 1);
      } catch (e) {
        throw new Error(`cell ${cell.cellNumber} line ${i + 1}: ${(e as Error).message}`);
      }
      if (parsed.sideEffect !== null && !sideEffects.has(parsed.sideEffect)) {
        sideEffects.set(parsed.sideEffect, { cell, line: i + 1, verbatim: false });
      }
      for (const name of parsed.names) {
        const seen = imports.get(name.local);
        if (!seen) imports.set(name.local, name);
        else if (seen.from !== name.from || seen.imported !== name.imported) conflicts.push(name);
        else seen.typeOnly &&= name.typeOnly;
      }
      // Blank lines keep the rest of the cell where it was, for the line map.
      for (let j = i; j <= end; j++) body.push({ text: "", line: j + 1 });
      i = end;
    }
    bodies.push({ cell, lines: body });
  }

  const text: string[] = [];
  const origins: (LineOrigin | null)[] = [];
  const emit = (line: string, origin: LineOrigin | null) => {
    text.push(line);
    origins.push(origin);
  };
  emit("// Generated by tools/nb/check_cells.ts from a notebook's code cells: do not edit.", null);
  for (const [statement, origin] of sideEffects) emit(statement, origin);
  for (const name of [...imports.values(), ...conflicts]) emit(importLine(name), name.origin);

  const declared = new Set(imports.keys());
  let openBlocks = 0;
  for (const { cell, lines } of bodies) {
    const names = lines.flatMap(({ text }) => declaredNames(text));
    const again = names.filter((name) => declared.has(name));
    if (again.length > 0) {
      emit(
        `{ // cell ${cell.cellNumber} declares ${
          again.join(", ")
        } again: shadow, as the kernel does`,
        null,
      );
      openBlocks++;
    }
    for (const name of names) declared.add(name);
    emit(`// cell ${cell.cellNumber}${cell.id === null ? "" : ` [${cell.id}]`}`, null);
    for (const { text, line } of lines) emit(text, { cell, line, verbatim: true });
  }
  for (let i = 0; i < openBlocks; i++) emit("}", null);
  return { text: text.join("\n") + "\n", origins };
}
