import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type CellDiagnostic,
  checkNotebookCells,
  formatDiagnostic,
  parseCheckOutput,
} from "../../../tools/nb/check_cells.ts";
import { codeNotebook, writeNotebook } from "./_notebooks.ts";

const REPO = new URL("../../../", import.meta.url).pathname;
const MAIN = new URL("../../../tools/nb/check_cells_main.ts", import.meta.url).pathname;

/** Notebooks in a temp folder; generated modules in a temp folder inside the repo's `.course/`. */
async function withFolders(
  body: (dirs: { notebooks: string; out: string }) => Promise<void>,
): Promise<void> {
  const notebooks = await Deno.makeTempDir({ prefix: "check-cells-" });
  await Deno.mkdir(join(REPO, ".course"), { recursive: true });
  const out = await Deno.makeTempDir({ dir: join(REPO, ".course"), prefix: "check-cells-test-" });
  try {
    await body({ notebooks, out });
  } finally {
    await Deno.remove(notebooks, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
}

/** Code cells as given, with a markdown cell inserted after the first, so cell numbers differ from code cell numbers. */
function notebookWithProse(sources: string[]) {
  const notebook = codeNotebook(sources);
  notebook.cells.splice(1, 0, { cell_type: "markdown", id: "prose", metadata: {}, source: "Hi" });
  return notebook;
}

Deno.test("a type error in cell 3 is reported with notebook, cell number, id, line, column, message", async () => {
  await withFolders(async ({ notebooks, out }) => {
    const path = await writeNotebook(
      notebooks,
      "broken.ipynb",
      notebookWithProse([
        'import { sleep } from "@course/lib";\nconst n = 1;',
        '// a comment\nconst label: number = "three";\nlabel',
      ]),
    );
    const { diagnostics } = await checkNotebookCells([path], { outDir: out });
    assert.equal(diagnostics.length, 1, diagnostics.map(formatDiagnostic).join("\n"));
    const [d] = diagnostics;
    assert.deepEqual(
      { ...d, message: d.message.split("\n")[0] },
      {
        notebook: path,
        variant: "shipped",
        tool: "check",
        code: "TS2322",
        message: "Type 'string' is not assignable to type 'number'.",
        cell: { cellNumber: 3, codeCellNumber: 2, id: "cell-1", exercise: null },
        line: 2,
        column: 7,
        sourceLine: 'const label: number = "three";',
      } satisfies CellDiagnostic,
    );
    assert.equal(
      formatDiagnostic(d),
      `${path} cell 3 (code cell 2, id "cell-1") line 2:7: check TS2322: ` +
        `Type 'string' is not assignable to type 'number'.\n    | const label: number = "three";`,
    );
  });
});

Deno.test("a clean notebook passes: repeated imports, re-declared names, a bare last expression", async () => {
  await withFolders(async ({ notebooks, out }) => {
    const path = await writeNotebook(
      notebooks,
      "clean.ipynb",
      codeNotebook([
        'import { check, hint } from "@course/lib";\nimport { sleep } from "@course/lib";\nconst x = 1;',
        "const g = () => later(); // calls a function of a later cell",
        'import { sleep, type Coroutine } from "@course/lib";\nfunction later() {\n  return x;\n}\ng()',
        'const x = "now a string"; // the kernel allows this\nx.toUpperCase()',
        "x.length + later()",
      ]),
    );
    const result = await checkNotebookCells([path], { outDir: out });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
    assert.deepEqual(result.files, [join(out, "clean.ts")]);
  });
});

Deno.test("an error after hoisted imports and a re-declaration still maps to its own line", async () => {
  await withFolders(async ({ notebooks, out }) => {
    const path = await writeNotebook(
      notebooks,
      "lines.ipynb",
      codeNotebook([
        'import {\n  sleep,\n  gather,\n} from "@course/lib";\nlet total = 0;',
        'import { sleep } from "@course/lib";\n\nlet total = "";\n\n\ntotal = total + 1;\ntotal.missing;',
      ]),
    );
    const { diagnostics } = await checkNotebookCells([path], { outDir: out, lint: false });
    assert.deepEqual(
      diagnostics.map((d) => [d.cell?.cellNumber, d.line, d.column, d.code, d.sourceLine]),
      [[2, 7, 7, "TS2339", "total.missing;"]],
    );
  });
});

Deno.test("exercise cells: the stub and the reference solution are both checked", async () => {
  await withFolders(async ({ notebooks, out }) => {
    const exercises = join(notebooks, "exercises");
    await Deno.mkdir(join(exercises, "01-demo"), { recursive: true });
    // The solution compiles alone, but returns a string where the next cell wants a number.
    await Deno.writeTextFile(
      join(exercises, "01-demo", "solution.ts"),
      'function answer() {\n  return "42";\n}\n',
    );
    const notebook = codeNotebook([
      "function answer() {\n  return 0;\n}",
      "const doubled: number = answer() * 2;",
    ]);
    notebook.cells[0].metadata = { course: { exercise: "01-demo" } };
    const path = await writeNotebook(notebooks, "ex.ipynb", notebook);
    const result = await checkNotebookCells([path], { outDir: out, exercisesDir: exercises });
    assert.deepEqual(result.files, [join(out, "ex.ts"), join(out, "ex.solutions.ts")]);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.variant, d.cell?.cellNumber, d.line, d.code]),
      [["solutions", 2, 1, "TS2362"]],
    );
    assert.match(
      formatDiagnostic(result.diagnostics[0]),
      /\[with the exercise solutions in place\]/,
    );

    // A type error inside the solution itself names the exercise.
    await Deno.writeTextFile(
      join(exercises, "01-demo", "solution.ts"),
      "function answer(): number {\n  return undefinedName;\n}\n",
    );
    const again = await checkNotebookCells([path], { outDir: out, exercisesDir: exercises });
    assert.equal(again.diagnostics.length, 1);
    assert.deepEqual(again.diagnostics[0].cell?.exercise, "01-demo");
    assert.match(formatDiagnostic(again.diagnostics[0]), /line 2:10 \[the solution of 01-demo\]/);
  });
});

Deno.test("lint: recommended rules apply to cells, the ones that do not fit cells are off", async () => {
  await withFolders(async ({ notebooks, out }) => {
    const path = await writeNotebook(
      notebooks,
      "lint.ipynb",
      codeNotebook([
        'import { check, hint } from "@course/lib"; // hint unused: fine\nconsole.log(check);',
        "function* hog() {\n  for (let i = 0; i < 3; i++) console.log(i);\n}\nasync function quick() {\n  return 1;\n}",
        "let neverChanged = 1;\nconsole.log(neverChanged, hog, quick);",
      ]),
    );
    const { diagnostics } = await checkNotebookCells([path], { outDir: out, check: false });
    assert.deepEqual(
      diagnostics.map((d) => [d.tool, d.code, d.cell?.cellNumber, d.line, d.column]),
      [["lint", "prefer-const", 3, 1, 5]],
    );
  });
});

Deno.test("parseCheckOutput keeps multi-line messages and drops the source line and marks", () => {
  const output = [
    "Check file:///repo/.course/cells/a.ts",
    "TS2345 [ERROR]: Argument of type 'readonly Lap[]' is not assignable to parameter of type 'Lap[]'.",
    "  The type 'readonly Lap[]' is 'readonly' and cannot be assigned to the mutable type 'Lap[]'.",
    "summarize(watch.laps, lineKinds);",
    "          ~~~~~~~~~~",
    "    at file:///repo/.course/cells/a.ts:40:11",
    "",
    "TS2304 [ERROR]: Cannot find name 'nope'.",
    "nope;",
    "^",
    "    at file:///repo/.course/cells/a.ts:41:1",
    "",
    "Found 2 errors.",
    "",
    "error: Type checking failed.",
  ].join("\n");
  assert.deepEqual(parseCheckOutput(output), [
    {
      tool: "check",
      code: "TS2345",
      message:
        "Argument of type 'readonly Lap[]' is not assignable to parameter of type 'Lap[]'.\n" +
        "  The type 'readonly Lap[]' is 'readonly' and cannot be assigned to the mutable type 'Lap[]'.",
      file: "/repo/.course/cells/a.ts",
      line: 40,
      column: 11,
    },
    {
      tool: "check",
      code: "TS2304",
      message: "Cannot find name 'nope'.",
      file: "/repo/.course/cells/a.ts",
      line: 41,
      column: 1,
    },
  ]);
});

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: REPO,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

Deno.test("the CLI exits 1 naming the cell of an error, 0 when clean, 2 on bad usage", async () => {
  const dir = await Deno.makeTempDir({ prefix: "check-cells-cli-" });
  try {
    const bad = await writeNotebook(dir, "bad.ipynb", codeNotebook(["1;", "const s: string = 5;"]));
    const failed = await runCli([bad]);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(
      failed.stderr,
      /bad\.ipynb cell 2 \(code cell 2, id "cell-1"\) line 1:7: check TS2322/,
    );
    assert.match(failed.stdout, /1 problem, /);

    const good = await writeNotebook(
      dir,
      "good.ipynb",
      codeNotebook(["const s: string = 'x';\ns"]),
    );
    const passed = await runCli([good, "--only", "check"]);
    assert.equal(passed.code, 0, passed.stderr);
    assert.match(passed.stdout, /type check of 1 notebooks .*: clean/);

    assert.equal((await runCli([good, "--only", "fmt"])).code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
