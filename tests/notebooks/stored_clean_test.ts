import assert from "node:assert/strict";
import { courseNotebooks } from "./_notebooks.ts";
import { courseNotebookMetadata } from "../../tools/kernel/course_kernel/install.ts";

Deno.test("the course has notebooks, starting with 00-welcome", async () => {
  assert.equal((await courseNotebooks())[0]?.name, "00-welcome.ipynb");
});

Deno.test("every notebook is stored without outputs, with unique cell ids and the course kernel's metadata", async () => {
  for (const { name, notebook } of await courseNotebooks()) {
    // What the course kernel reports, so that opening the notebook marks nothing as changed
    // (language_info.name also makes deno fmt format the code cells).
    const wanted = courseNotebookMetadata();
    assert.deepEqual(notebook.metadata.kernelspec, wanted.kernelspec, `${name}: kernelspec`);
    assert.deepEqual(
      notebook.metadata.language_info,
      wanted.language_info,
      `${name}: language_info`,
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
