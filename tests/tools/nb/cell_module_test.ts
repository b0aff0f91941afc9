import assert from "node:assert/strict";
import { cellModule, type CellSource, declaredNames } from "../../../tools/nb/cell_module.ts";

function cells(...sources: string[]): CellSource[] {
  return sources.map((source, i) => ({ cellNumber: i + 1, id: `c${i + 1}`, source }));
}

/** The generated line that maps to `line` of cell `cellNumber`. */
function generatedLine(text: string, origins: ReturnType<typeof cellModule>["origins"], at: {
  cellNumber: number;
  line: number;
}): string {
  const index = origins.findIndex((o) =>
    o?.cell.cellNumber === at.cellNumber && o.line === at.line
  );
  assert.ok(index >= 0, `no line maps to cell ${at.cellNumber} line ${at.line}`);
  return text.split("\n")[index];
}

Deno.test("every line of every cell maps back to itself, after hoisted imports", () => {
  const input = cells(
    'import { sleep } from "@course/lib";\n\nconst a = 1;\nconsole.log(a);',
    "const b = a + 1;\n  // indented\nb",
  );
  const { text, origins } = cellModule(input);
  assert.equal(text.split("\n").length - 1, origins.length);
  for (const cell of input) {
    const lines = cell.source.split("\n");
    for (const [i, line] of lines.entries()) {
      if (line.startsWith("import")) continue;
      assert.equal(
        generatedLine(text, origins, { cellNumber: cell.cellNumber, line: i + 1 }),
        line,
      );
    }
  }
  assert.equal(origins.find((o) => o?.line === 3 && o.cell.cellNumber === 1)?.verbatim, true);
});

Deno.test("an import repeated in later cells is kept once; a value import wins over a type one", () => {
  const { text, origins } = cellModule(cells(
    'import type { Coroutine } from "@course/lib";\nimport { sleep } from "@course/lib";',
    'import {\n  type Coroutine as Co,\n  sleep,\n  Coroutine,\n} from "@course/lib";',
  ));
  const imports = text.split("\n").filter((l) => l.startsWith("import"));
  assert.deepEqual(imports, [
    'import { Coroutine } from "@course/lib";',
    'import { sleep } from "@course/lib";',
    'import type { Coroutine as Co } from "@course/lib";',
  ]);
  // The alias maps to its own line of the multi-line import in cell 2, column unknown.
  const co = origins[text.split("\n").indexOf(imports[2])];
  assert.deepEqual([co?.cell.cellNumber, co?.line, co?.verbatim], [2, 2, false]);
  // The import's lines stay in the cell as blank lines, so the cell's other lines keep their place.
  assert.ok(text.split("\n").slice(1 + imports.length).every((l) => !l.includes("import")));
});

Deno.test("side-effect, default and namespace imports, and import() calls left alone", () => {
  const { text } = cellModule(cells(
    'import "./setup.ts";\nimport zod, * as z from "zod";\nconst m = await import("zod");',
    'import "./setup.ts";',
  ));
  const lines = text.split("\n");
  assert.deepEqual(lines.filter((l) => l.startsWith("import")), [
    'import "./setup.ts";',
    'import zod from "zod";',
    'import * as z from "zod";',
  ]);
  assert.ok(lines.includes('const m = await import("zod");'));
});

Deno.test("a cell that declares a name again opens a block that lasts to the end", () => {
  const { text } = cellModule(cells(
    "const x = 1;\nfunction f() { return x; }",
    "const y = f();",
    'const x = "two";',
    "x.toUpperCase();",
  ));
  const lines = text.split("\n");
  const open = lines.findIndex((l) => l.startsWith("{"));
  assert.ok(open > lines.indexOf("const y = f();") && open < lines.indexOf('const x = "two";'));
  assert.match(lines[open], /cell 3 declares x again/);
  assert.equal(lines.filter((l) => l === "}").length, 1);
  assert.equal(lines.at(-2), "}");
});

Deno.test("no block when no name is declared twice (an earlier cell may call a later function)", () => {
  const { text } = cellModule(cells("const g = () => later();", "function later() {}\ng();"));
  assert.ok(!text.split("\n").some((l) => l.startsWith("{") || l === "}"));
});

Deno.test("declaredNames reads the declarations deno fmt puts in column 0", () => {
  assert.deepEqual(declaredNames("const loop = new EventLoop();"), ["loop"]);
  assert.deepEqual(declaredNames("const [client, conn] = await f();"), ["client", "conn"]);
  assert.deepEqual(declaredNames("let { a, b: c, ...rest } = o;"), ["a", "c", "rest"]);
  assert.deepEqual(declaredNames("async function* gen() {"), ["gen"]);
  assert.deepEqual(declaredNames("function* oneAtATime(listener) {"), ["oneAtATime"]);
  assert.deepEqual(declaredNames("class Kitchen {"), ["Kitchen"]);
  assert.deepEqual(declaredNames("type OnReady = (key: Key) => void;"), ["OnReady"]);
  assert.deepEqual(declaredNames("interface Trap {"), ["Trap"]);
  assert.deepEqual(declaredNames("console.log(x);"), []);
  assert.deepEqual(declaredNames("  const inner = 1;"), []);
});

Deno.test("an import in a form the builder cannot read names its cell", () => {
  assert.throws(
    () => cellModule(cells("1;", 'import { a b } from "x";')),
    /cell 2 line 1: cannot read the import/,
  );
});
