/**
 * Every exercise, found by listing `exercises/*` (so exercises added later are
 * covered with no registration): its reference solution, put into its
 * notebook cell, earns full points; its shipped stub earns zero points with a
 * helpful message (a failed check, not a crash).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { EXERCISES_DIR } from "@course/lib/notebook/mod.ts";
import { loadExercises } from "../../tools/grade/exercise_list.ts";
import { gradeExercises } from "../../tools/grade/grade.ts";
import { copyCourse, digestDir, setExerciseSource } from "../tools/grade/_course_copy.ts";

const { manifests: exercises, problems } = await loadExercises();

Deno.test("every folder under exercises/ is a valid exercise with a solution.ts", async () => {
  assert.deepEqual(problems, []);
  assert.ok(exercises.length > 0);
  for (const m of exercises) {
    const solution = await Deno.readTextFile(new URL(`${m.id}/solution.ts`, EXERCISES_DIR));
    assert.ok(solution.trim().length > 0, `${m.id}: solution.ts is empty`);
  }
});

Deno.test("every reference solution, put into its notebook cell, earns full points", async (t) => {
  const copy = await copyCourse();
  try {
    for (const m of exercises) {
      const solution = await Deno.readTextFile(new URL(`${m.id}/solution.ts`, EXERCISES_DIR));
      await setExerciseSource(join(copy.notebooksDir, m.notebook), m.id, solution);
    }
    const before = await digestDir(copy.notebooksDir);
    const report = await gradeExercises(exercises, { notebooksDir: copy.notebooksDir });
    for (const e of report.exercises) {
      await t.step(e.id, () => {
        assert.equal(e.message, "", `${e.id}: ${e.message}`);
        assert.equal(e.status, "passed");
        assert.equal(e.points, e.max);
        assert.ok(e.checks.length > 0 && e.checks.every((c) => c.passed));
      });
    }
    assert.deepEqual(report.total, {
      points: exercises.reduce((s, m) => s + m.points, 0),
      max: exercises.reduce((s, m) => s + m.points, 0),
    });
    assert.deepEqual(await digestDir(copy.notebooksDir), before, "the grader changed a notebook");
  } finally {
    await copy.dispose();
  }
});

Deno.test("every shipped stub gets zero points and a helpful first message", async (t) => {
  const report = await gradeExercises(exercises);
  for (const e of report.exercises) {
    await t.step(e.id, () => {
      assert.equal(e.points, 0, `${e.id}: the stub earns points`);
      // A failed check, not a crash: the stub runs and defines every exported name.
      assert.equal(e.status, "failed", `${e.id}: ${e.message}`);
      assert.ok(!/is not defined|not run/.test(e.message), `${e.id}: ${e.message}`);
      const first = e.checks.find((c) => !c.passed)!;
      assert.ok(e.message.startsWith(`${first.name}: `), e.message);
      assert.ok(first.message.length >= 20, `${e.id}: message too terse: ${first.message}`);
    });
  }
});
