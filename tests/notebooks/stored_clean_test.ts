import assert from "node:assert/strict";
import { parseNotebook } from "../../tools/nb/notebook_schema.ts";

const NOTEBOOKS = new URL("../../notebooks/", import.meta.url);

async function notebookNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(NOTEBOOKS)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
  }
  return names.sort();
}

Deno.test("the course has notebooks, starting with 00-welcome", async () => {
  assert.equal((await notebookNames())[0], "00-welcome.ipynb");
});

Deno.test("every notebook is stored without outputs, with unique cell ids and the deno kernel", async () => {
  for (const name of await notebookNames()) {
    const notebook = parseNotebook(await Deno.readTextFile(new URL(name, NOTEBOOKS)), name);
    assert.deepEqual(notebook.metadata.kernelspec, {
      name: "deno",
      display_name: "Deno",
      language: "typescript",
    }, `${name}: kernelspec`);
    const ids = new Set<string>();
    for (const [i, cell] of notebook.cells.entries()) {
      const where = `${name}, cell ${i + 1}`;
      assert.ok(cell.id, `${where}: no id (ids keep diffs stable)`);
      assert.ok(!ids.has(cell.id), `${where}: id ${cell.id} is used twice`);
      ids.add(cell.id);
      if (cell.cell_type === "code") {
        assert.deepEqual(cell.outputs, [], `${where}: stored with outputs`);
        assert.equal(cell.execution_count, null, `${where}: stored with an execution count`);
      }
    }
  }
});
