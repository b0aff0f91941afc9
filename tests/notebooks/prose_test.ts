import assert from "node:assert/strict";
import { RUN_SIZE, wordRuns } from "../../tools/prose/word_runs.ts";
import { courseNotebooks, joinText } from "./_notebooks.ts";

// The fingerprint holds hashes of every run of RUN_SIZE words of the notes' prose
// (made by tools/prose/word_runs.ts), so the repository never keeps their sentences.
const fingerprint: { runSize: number; hashes: string[] } = JSON.parse(
  await Deno.readTextFile(new URL("notes_fingerprint.json", import.meta.url)),
);

Deno.test("the fingerprint was made with the run size the check uses", () => {
  assert.equal(fingerprint.runSize, RUN_SIZE);
  assert.ok(fingerprint.hashes.length > 500, "the fingerprint covers the notes");
});

Deno.test("no notebook copies a run of words from the notes", async () => {
  const notes = new Set(fingerprint.hashes);
  const copied: string[] = [];
  for (const { name, notebook } of await courseNotebooks()) {
    for (const cell of notebook.cells) {
      for (const { run, hash } of wordRuns(joinText(cell.source))) {
        if (notes.has(hash)) copied.push(`${name}#${cell.id}: "${run}"`);
      }
    }
  }
  assert.deepEqual(copied, [], `say these in your own words:\n${copied.join("\n")}`);
});
