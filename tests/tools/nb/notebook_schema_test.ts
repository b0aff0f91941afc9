import assert from "node:assert/strict";
import { joinText, parseNotebook } from "../../../tools/nb/notebook_schema.ts";
import { codeNotebook } from "./_notebooks.ts";

Deno.test("a valid notebook parses and keeps fields the schema does not name", () => {
  const notebook = { ...codeNotebook(["1"]), extra: { kept: true } };
  const parsed = parseNotebook(JSON.stringify(notebook), "ok");
  assert.deepEqual(parsed, notebook);
});

Deno.test("an invalid notebook is rejected with its name and the path of the problem", () => {
  assert.throws(() => parseNotebook("{", "broken.ipynb"), /broken\.ipynb: not valid JSON/);
  const wrong = codeNotebook(["1"]);
  (wrong.cells[0] as Record<string, unknown>).outputs = [{ output_type: "stream", name: "stdin" }];
  assert.throws(
    () => parseNotebook(JSON.stringify(wrong), "wrong.ipynb"),
    /wrong\.ipynb: not a valid nbformat 4 notebook[\s\S]*cells\[0\]\.outputs\[0\]/,
  );
  assert.throws(
    () => parseNotebook(JSON.stringify({ ...wrong, nbformat: 3 }), "old.ipynb"),
    /nbformat/,
  );
});

Deno.test("joinText reads text stored as a string or as lines", () => {
  assert.equal(joinText("a\nb"), "a\nb");
  assert.equal(joinText(["a\n", "b"]), "a\nb");
});
