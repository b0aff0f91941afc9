import assert from "node:assert/strict";
import { joinText, type Output } from "../../../tools/nb/notebook_schema.ts";
import { NotebookRunner } from "../../../tools/nb/runner.ts";
import { stripAnsi } from "../../../tools/nb/ansi.ts";
import { codeNotebook, writeNotebook } from "./_notebooks.ts";

const CELLS = 50;
const RUNS = 10;

/** Cell i of the big notebook, and the outputs it must have, each distinct per cell. */
function cellFor(i: number): { source: string; expect: (outputs: Output[]) => void } {
  switch (i % 5) {
    case 1:
      return {
        source: `console.log("stdout-${i}");`,
        expect: (outputs) => {
          assert.ok(outputs.every((o) => o.output_type === "stream" && o.name === "stdout"));
          assert.equal(
            outputs.map((o) => o.output_type === "stream" && joinText(o.text)).join(""),
            `stdout-${i}\n`,
          );
        },
      };
    case 2:
      return {
        source: `await Deno.jupyter.display({ "text/plain": "display-${i}" }, { raw: true });`,
        expect: (outputs) => {
          assert.equal(outputs.length, 1);
          assert.equal(outputs[0].output_type, "display_data");
          assert.deepEqual(outputs[0].output_type === "display_data" && outputs[0].data, {
            "text/plain": `display-${i}`,
          });
        },
      };
    case 3:
      return {
        source: `console.log("both-${i}");\n${i} * 7`,
        expect: (outputs) => {
          assert.equal(outputs.length, 2);
          assert.equal(
            outputs[0].output_type === "stream" && joinText(outputs[0].text),
            `both-${i}\n`,
          );
          assert.equal(outputs[1].output_type, "execute_result");
          assert.equal(
            stripAnsi(
              String(outputs[1].output_type === "execute_result" && outputs[1].data["text/plain"]),
            ),
            String(i * 7),
          );
        },
      };
    default:
      return {
        source: `"cell-" + ${i}`,
        expect: (outputs) => {
          assert.equal(outputs.length, 1);
          assert.equal(outputs[0].output_type, "execute_result");
          assert.equal(
            stripAnsi(
              String(outputs[0].output_type === "execute_result" && outputs[0].data["text/plain"]),
            ),
            `"cell-${i}"`,
          );
        },
      };
  }
}

Deno.test("50 cells run 10 times: every output lands in its own cell, every time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-runner-" });
  try {
    const cells = Array.from({ length: CELLS }, (_, i) => cellFor(i));
    const path = await writeNotebook(dir, "fifty.ipynb", codeNotebook(cells.map((c) => c.source)));
    await using runner = await NotebookRunner.start({ rootDir: dir });
    for (let run = 1; run <= RUNS; run++) {
      const result = await runner.execute(path);
      assert.equal(result.failure, null);
      assert.equal(result.cells.length, CELLS);
      for (const [i, cell] of result.cells.entries()) {
        try {
          cells[i].expect(cell.outputs);
        } catch (e) {
          throw new Error(`run ${run}, cell ${i}: ${JSON.stringify(cell.outputs)}`, { cause: e });
        }
        assert.equal(cell.executionCount, i + 1, `run ${run}, cell ${i}: execution count`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the kernel runs in the notebook's folder and stops at the first error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-runner-" });
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/sub/data.txt`, "beside the notebook");
    const path = await writeNotebook(
      dir + "/sub",
      "cwd.ipynb",
      codeNotebook([
        `Deno.readTextFileSync("data.txt")`,
        `JSON.parse("{oops")`,
        `"never run"`,
      ]),
    );
    await using runner = await NotebookRunner.start({ rootDir: dir });
    const result = await runner.execute(path);
    assert.match(
      stripAnsi(JSON.stringify(result.cells[0].outputs[0])),
      /beside the notebook/,
    );
    assert.equal(result.failure?.cellNumber, 2);
    assert.equal(result.failure?.ename, "SyntaxError");
    assert.equal(result.cells[2].executionCount, null);
    assert.deepEqual(result.cells[2].outputs, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rerun: every cell runs again in the same kernel; what fails then is named", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-runner-" });
  try {
    // The second cell works once: it closes what the first cell made, as a clean-up cell did.
    const once = await writeNotebook(
      dir,
      "once.ipynb",
      codeNotebook([
        `const pool = { open: true };`,
        `if (!(globalThis as any).closedOnce) { (globalThis as any).closedOnce = true; "closed" }
else { throw new Error("the pool is closed"); }`,
      ]),
    );
    const twice = await writeNotebook(
      dir,
      "twice.ipynb",
      codeNotebook([
        `const made = Date.now();`,
        `let runs = (globalThis as any).runs ?? 0;
(globalThis as any).runs = ++runs;
runs`,
      ]),
    );
    await using runner = await NotebookRunner.start({ rootDir: dir });
    assert.equal((await runner.execute(once)).failure, null, "one pass is clean");
    const failed = await runner.execute(once, { rerun: true });
    assert.equal(failed.failure?.pass, 2);
    assert.equal(failed.failure?.cellNumber, 2);
    assert.match(
      failed.failure!.message,
      /second time in the same kernel: Error: the pool is closed/,
    );
    const clean = await runner.execute(twice, { rerun: true });
    assert.equal(clean.failure, null);
    // The copy keeps the first run's outputs: the counter says 1, not 2.
    const shown = clean.cells[1].outputs[0];
    assert.equal(
      shown.output_type === "execute_result" && stripAnsi(String(shown.data["text/plain"])),
      "1",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a cell that outlives its time limit fails, naming the cell", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nb-runner-" });
  try {
    const path = await writeNotebook(
      dir,
      "slow.ipynb",
      codeNotebook([`1`, `await new Promise(() => {})`]),
    );
    await using runner = await NotebookRunner.start({ rootDir: dir });
    const result = await runner.execute(path, { cellTimeoutMs: 2_000 });
    assert.equal(result.failure?.ename, "Timeout");
    assert.equal(result.failure?.cellNumber, 2);
    assert.match(
      result.failure!.message,
      /slow\.ipynb: cell 2 \(code cell 2, starting "await new Promise/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
