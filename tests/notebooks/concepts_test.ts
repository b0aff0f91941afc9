import assert from "node:assert/strict";
import { CONCEPTS } from "./concepts.ts";
import { conceptsOf, courseNotebooks } from "./_notebooks.ts";

/** Where each concept is taught (markdown) and shown (code), as "notebook#cell-id". */
async function conceptMap(): Promise<Map<number, { prose: string[]; code: string[] }>> {
  const map = new Map<number, { prose: string[]; code: string[] }>();
  for (const n of Object.keys(CONCEPTS)) map.set(Number(n), { prose: [], code: [] });
  for (const { name, notebook } of await courseNotebooks()) {
    for (const cell of notebook.cells) {
      for (const n of conceptsOf(cell.metadata)) {
        const entry = map.get(n);
        assert.ok(
          entry,
          `${name}#${cell.id}: claims concept ${n}, which the checklist lacks (1-18)`,
        );
        const where = `${name}#${cell.id}`;
        if (cell.cell_type === "markdown") entry.prose.push(where);
        if (cell.cell_type === "code") entry.code.push(where);
      }
    }
  }
  return map;
}

Deno.test("every concept of the checklist is taught in prose and shown by a code cell", async () => {
  const missing: string[] = [];
  for (const [n, { prose, code }] of await conceptMap()) {
    if (prose.length === 0) missing.push(`${n} (${CONCEPTS[n]}): no markdown cell teaches it`);
    if (code.length === 0) missing.push(`${n} (${CONCEPTS[n]}): no code cell shows it`);
  }
  assert.deepEqual(missing, [], `concepts not covered:\n${missing.join("\n")}`);
});
