/**
 * The course kernel shows the errors Deno's kernel drops (errors_setup.js): a
 * promise that rejects with nobody awaiting it, an error thrown in a timer's
 * callback. Each is printed once, on stderr, under the cell that caused it.
 */
import assert from "node:assert/strict";
import { joinText } from "../../../../tools/nb/notebook_schema.ts";
import { NotebookRunner } from "../../../../tools/nb/runner.ts";
import { codeNotebook, writeNotebook } from "../../nb/_notebooks.ts";

Deno.test("course kernel: an unawaited rejection and a timer's throw are shown, once, on stderr", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-errors-" });
  try {
    const path = await writeNotebook(
      dir,
      "lost.ipynb",
      codeNotebook([
        `Promise.reject(new Error("nobody awaited me")); 1`,
        `setTimeout(() => { throw new Error("thrown in a timer"); }, 0);
await new Promise((wake) => setTimeout(wake, 50));
2`,
        `3`,
      ]),
    );
    await using runner = await NotebookRunner.start({ rootDir: dir });
    const result = await runner.execute(path);
    assert.equal(result.failure, null);
    const stderr = result.cells.map((cell) =>
      cell.outputs.filter((o) => o.output_type === "stream" && o.name === "stderr")
        .map((o) => o.output_type === "stream" ? joinText(o.text) : "").join("")
    );
    assert.match(stderr[0], /^Uncaught \(in promise\) Error: nobody awaited me\n/);
    assert.match(stderr[1], /^Uncaught Error: thrown in a timer\n/);
    assert.doesNotMatch(stderr[1], /ext:/, "Deno's own stack frames are left out");
    assert.equal(stderr[0].match(/Uncaught/g)?.length, 1, "said once");
    assert.equal(stderr[2], "", "nothing spills into the next cell");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
