/**
 * The outside check we keep: wrong and bypassing answers, one file each under
 * `wrong_answers/<exercise id>/`, that a careless or non-learning solution
 * would write (a copied cell, a call of the library's own function, a rule
 * that fits only the visible case). Each is put where the learner's cell is
 * and must earn zero points, hidden checks included.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runChecks } from "@course/lib";
import { bindingsOf, loadExerciseSources } from "./_exercise_sources.ts";

const root = new URL("./wrong_answers/", import.meta.url);
const all = await loadExerciseSources();

for await (const dir of Deno.readDir(root)) {
  const sources = all.find((s) => s.manifest.id === dir.name);
  Deno.test(`wrong answers of ${dir.name} earn nothing`, async (t) => {
    assert.ok(sources, `wrong_answers/${dir.name}: no exercise has that id`);
    for await (const file of Deno.readDir(new URL(`${dir.name}/`, root))) {
      await t.step(file.name, async () => {
        const source = await Deno.readTextFile(new URL(`${dir.name}/${file.name}`, root));
        const outcome = await runChecks(sources.checks, await bindingsOf(sources, source), {
          required: sources.manifest.exports,
          includeHidden: true,
          timeLimit: sources.manifest.timeLimit,
        });
        assert.equal(outcome.passed, false, `${dir.name}/${file.name} passes every check`);
      });
    }
  });
}
