import assert from "node:assert/strict";
import { commonFolder, parseNbArgs } from "../../../tools/nb/main.ts";
import { parseNotebook } from "../../../tools/nb/notebook_schema.ts";
import { codeNotebook, writeNotebook } from "./_notebooks.ts";

const MAIN = new URL("../../../tools/nb/main.ts", import.meta.url).pathname;

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdin: "null",
    // Without NO_COLOR (CI sets it), so that the kernel colours its results.
    env: Object.fromEntries(Object.entries(Deno.env.toObject()).filter(([k]) => k !== "NO_COLOR")),
    clearEnv: true,
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

Deno.test("a cell that throws makes the CLI exit non-zero, naming notebook, cell and error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-cli-" });
  try {
    const notebook = codeNotebook([
      `1 + 1`,
      `const n = 41;\nthrow new RangeError("gave up at " + n)`,
    ]);
    notebook.cells.splice(1, 0, {
      cell_type: "markdown",
      id: "prose",
      metadata: {},
      source: "# x",
    });
    const path = await writeNotebook(dir, "throws.ipynb", notebook);
    const { code, stderr } = await runCli([path]);
    assert.equal(code, 1);
    assert.match(stderr, /throws\.ipynb: cell 3 \(code cell 2, starting "const n = 41;"\)/);
    assert.match(stderr, /RangeError: gave up at 41/);
    assert.ok(!stderr.includes("\x1b["), "the message carries no ANSI codes");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--out writes executed copies and leaves the source byte for byte", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-cli-" });
  try {
    const path = await writeNotebook(
      dir,
      "copy.ipynb",
      codeNotebook([`console.log("hello")`, `({ answer: 42 })`]),
    );
    const before = await Deno.readFile(path);
    const { code, stdout } = await runCli([dir, "--out", `${dir}/out`]);
    assert.equal(code, 0);
    assert.match(stdout, /copy\.ipynb: 2\/2 code cells run, 2 outputs/);
    assert.deepEqual(await Deno.readFile(path), before);
    const executed = parseNotebook(await Deno.readTextFile(`${dir}/out/copy.ipynb`), "copy");
    const [first, second] = executed.cells;
    assert.ok(first.cell_type === "code" && second.cell_type === "code");
    assert.equal(first.execution_count, 1);
    assert.deepEqual(first.outputs, [{ output_type: "stream", name: "stdout", text: "hello\n" }]);
    assert.equal(second.execution_count, 2);
    const result = second.outputs[0];
    assert.ok(result.output_type === "execute_result");
    assert.equal(result.execution_count, 2);
    // The kernel colours numbers; the copy keeps the codes as sent.
    assert.equal(result.data["text/plain"], "{ answer: \x1b[33m42\x1b[39m }");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an invalid notebook is reported with where it is wrong", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-cli-" });
  try {
    await Deno.writeTextFile(`${dir}/bad.ipynb`, JSON.stringify({ nbformat: 4, cells: [{}] }));
    const { code, stderr } = await runCli([`${dir}/bad.ipynb`]);
    assert.notEqual(code, 0);
    assert.match(stderr, /bad\.ipynb: not a valid nbformat 4 notebook/);
    assert.match(stderr, /cells\[0\]/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseNbArgs reads inputs, --out, --timeout and --rerun", () => {
  assert.deepEqual(parseNbArgs(["a.ipynb", "dir/", "--out", "o", "--timeout", "5"]), {
    inputs: ["a.ipynb", "dir/"],
    outDir: "o",
    cellTimeoutMs: 5000,
    rerun: false,
  });
  assert.equal(parseNbArgs(["a.ipynb", "--rerun"]).rerun, true);
  assert.throws(() => parseNbArgs([]), /usage/);
  assert.throws(() => parseNbArgs(["a.ipynb", "--timeout", "soon"]), /positive/);
});

Deno.test("commonFolder finds the deepest folder holding every notebook", () => {
  assert.equal(commonFolder(["/a/b/x.ipynb", "/a/b/c/y.ipynb"]), "/a/b");
  assert.equal(commonFolder(["/a/b/x.ipynb", "/a/c/y.ipynb"]), "/a");
  assert.equal(commonFolder(["/x.ipynb", "/a/y.ipynb"]), "/");
});
