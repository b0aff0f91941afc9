/**
 * Nothing to copy: for every exercise where the learner writes or fixes
 * code, the part of the reference solution that the stub does not already
 * give (its token 5-grams, comments dropped, numbers and strings made alike)
 * must not be found in any other code cell of the notebook. A share of half
 * or more means a cell above hands over the answer (as `politeHog` once did
 * for the hog exercise: 0.89 by this measure).
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadExerciseSources } from "./_exercise_sources.ts";
import { copiedShare } from "./_similarity.ts";

const LIMIT = 0.5;

Deno.test("no reference solution can be copied from a cell of its notebook", async () => {
  const copyable: string[] = [];
  for (const s of await loadExerciseSources()) {
    if (s.manifest.kind !== "write" && s.manifest.kind !== "fix") continue;
    for (const cell of s.otherCells) {
      const share = copiedShare(s.solution, s.stub.source, cell.source);
      if (share >= LIMIT) {
        copyable.push(
          `${s.manifest.id}: ${Math.round(share * 100)}% of it is in cell ${cell.cellId}`,
        );
      }
    }
  }
  assert.deepEqual(copyable, []);
});

Deno.test("the measure finds a copied solution and ignores an unrelated cell", () => {
  const stub = "function* hog(ctx) {\n  for (let i = 1; i <= 100; i++) {\n    ctx.work(1);\n  }\n}";
  const solution = stub.replace("ctx.work(1);", "ctx.work(1);\n    if (i % 10 === 0) yield;");
  const politeHog =
    "*run(ctx) { for (let i = 1; i <= 500; i++) { ctx.work(1); if (i % 10 === 0) yield; } }";
  assert.ok(copiedShare(solution, stub, politeHog) >= LIMIT);
  assert.equal(copiedShare(solution, stub, 'console.log("hello");'), 0);
  assert.equal(
    copiedShare(stub, stub, politeHog),
    0,
    "a solution that adds nothing copies nothing",
  );
});
