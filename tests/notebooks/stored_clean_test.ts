import assert from "node:assert/strict";
import { courseNotebooks } from "./_notebooks.ts";

Deno.test("the course has notebooks, starting with 00-welcome", async () => {
  assert.equal((await courseNotebooks())[0]?.name, "00-welcome.ipynb");
});

Deno.test("every notebook is stored without outputs, with unique cell ids and the deno kernel", async () => {
  for (const { name, notebook } of await courseNotebooks()) {
    assert.deepEqual(notebook.metadata.kernelspec, {
      name: "deno",
      display_name: "Deno",
      language: "typescript",
    }, `${name}: kernelspec`);
    // Without it, deno fmt leaves the code cells unformatted and the format check is blind.
    assert.equal(
      (notebook.metadata.language_info as { name?: string } | undefined)?.name,
      "typescript",
      `${name}: language_info.name`,
    );
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
