import assert from "node:assert/strict";
import { codeNotebook } from "../../../tools/nb/code_notebook.ts";
import { firstDifference, formatNotebook } from "../../../tools/nb/format_notebooks.ts";

const notebook = (code: string) => JSON.stringify(codeNotebook([code]), null, 1) + "\n";

Deno.test("formatNotebook reformats a messy code cell and leaves a formatted notebook as it is", async () => {
  const messy = notebook("const x={a:1}");
  const formatted = await formatNotebook(messy, "messy.ipynb");
  assert.notEqual(formatted, messy);
  assert.ok(formatted.includes("const x = { a: 1 };"), formatted);
  assert.equal(await formatNotebook(formatted, "formatted.ipynb"), formatted);
  assert.match(firstDifference(messy, formatted), /^line \d+:\n {2}- .*\n {2}\+ /);
});

Deno.test("formatNotebook names the file it cannot format", async () => {
  await assert.rejects(formatNotebook("{ not json", "broken.ipynb"), /broken\.ipynb/);
});
