/**
 * The outside check we keep: answers under `answers/<exercise id>/`, one file
 * each. `wrong-*.ts` are what a careless or non-learning solution would
 * write (a copied cell, a call of the library's own function, a rule that
 * fits only the visible case): each must earn zero points, hidden checks
 * included. `right-*.ts` are other correct solutions than `solution.ts`
 * (another valid order, another design): each must pass every check.
 * An answer whose first line is `// needs 2 cores` is wrong only where two
 * Workers can compute at once; on one core it is skipped.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runChecks } from "@course/lib";
import { bindingsOf, loadExerciseSources } from "./_exercise_sources.ts";

const root = new URL("./answers/", import.meta.url);
const all = await loadExerciseSources();

for await (const dir of Deno.readDir(root)) {
  const sources = all.find((s) => s.manifest.id === dir.name);
  Deno.test(`${dir.name}: wrong answers earn nothing, other right answers pass`, async (t) => {
    assert.ok(sources, `wrong_answers/${dir.name}: no exercise has that id`);
    for await (const file of Deno.readDir(new URL(`${dir.name}/`, root))) {
      await t.step(file.name, async () => {
        const source = await Deno.readTextFile(new URL(`${dir.name}/${file.name}`, root));
        if (source.startsWith("// needs 2 cores") && navigator.hardwareConcurrency < 2) return;
        const outcome = await runChecks(sources.checks, await bindingsOf(sources, source), {
          required: sources.manifest.exports,
          includeHidden: true,
          timeLimit: sources.manifest.timeLimit,
        });
        const right = file.name.startsWith("right-");
        assert.ok(
          file.name.startsWith("wrong-") || right,
          `${file.name}: name it wrong-* or right-*`,
        );
        assert.equal(
          outcome.passed,
          right,
          `${dir.name}/${file.name}: ${outcome.message || "passes"}`,
        );
      });
    }
  });
}
