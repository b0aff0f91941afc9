/**
 * Item 1 of the grader's contract: it never writes a notebook or any file that
 * is not its own. `--progress` pointing at a notebook, a folder or a foreign
 * file is a usage error (exit 2) and leaves every byte as it was.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkProgressPath, emptyProgress, writeProgress } from "../../../tools/grade/progress.ts";
import { UsageError } from "../../../tools/grade/usage_error.ts";
import { copyCourse, keepingNotebooks } from "./_course_copy.ts";
import { runGrade } from "./_run_grade.ts";

Deno.test("--progress refuses a notebook, a folder and a foreign file (exit 2, nothing written)", async () => {
  const copy = await copyCourse();
  try {
    await keepingNotebooks([copy.notebooksDir], async () => {
      const notebook = join(copy.notebooksDir, "01-async-io.ipynb");
      const foreign = join(copy.root, "notes.txt");
      await Deno.writeTextFile(foreign, "my notes\n");
      const cases: [string, RegExp][] = [
        [notebook, /that is a notebook/],
        [join(copy.root, "Copy.IPYNB"), /that is a notebook/],
        [copy.notebooksDir, /that is a folder/],
        [foreign, /not a grader progress file/],
      ];
      for (const [path, says] of cases) {
        for (const extra of [[], ["--list"], ["--watch"]]) {
          const { code, stdout, stderr } = await runGrade([
            ...extra,
            "--notebooks",
            copy.notebooksDir,
            "--progress",
            path,
            "01-predict-order",
          ]);
          assert.equal(code, 2, `${path} ${extra}: ${stderr}`);
          assert.match(stderr, says);
          assert.equal(stdout, "");
        }
      }
      assert.equal(await Deno.readTextFile(foreign), "my notes\n");
    });
  } finally {
    await copy.dispose();
  }
});

Deno.test("progress path: an empty or missing file is fine; a write re-checks the target", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await checkProgressPath(join(dir, "missing.json"));
    await Deno.writeTextFile(join(dir, "empty.json"), "");
    await checkProgressPath(join(dir, "empty.json"));
    await writeProgress(join(dir, "empty.json"), emptyProgress());
    // Replaced by something else between grading runs (watch mode): the write refuses.
    await Deno.writeTextFile(join(dir, "empty.json"), '{"cells": []}');
    await assert.rejects(writeProgress(join(dir, "empty.json"), emptyProgress()), UsageError);
    assert.equal(await Deno.readTextFile(join(dir, "empty.json")), '{"cells": []}');
    await assert.rejects(writeProgress(join(dir, "x.ipynb"), emptyProgress()), UsageError);
    await assert.rejects(Deno.stat(join(dir, "x.ipynb")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
