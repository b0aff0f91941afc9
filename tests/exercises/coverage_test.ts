/**
 * What the exercises practise, from their manifests: every concept of the
 * course's checklist is graded by at least one exercise, and every chapter
 * has an exercise where the learner writes or fixes code, not only predicts.
 *
 * @module
 */
import assert from "node:assert/strict";
import { CONCEPT_COUNT } from "@course/lib";
import { listExercises } from "../../tools/grade/exercise_list.ts";

const exercises = await listExercises();

Deno.test("together the exercises grade every concept of the checklist", () => {
  const graded = new Set(exercises.flatMap((m) => m.concepts));
  const missing = Array.from({ length: CONCEPT_COUNT }, (_, i) => i + 1).filter((c) =>
    !graded.has(c)
  );
  assert.deepEqual(missing, [], `concepts no exercise grades: ${missing.join(", ")}`);
});

Deno.test("every chapter has an exercise that makes the learner write or fix code", () => {
  const chapters = [...new Set(exercises.map((m) => m.notebook))];
  const onlyPredict = chapters.filter((nb) =>
    !exercises.some((m) => m.notebook === nb && (m.kind === "write" || m.kind === "fix"))
  );
  assert.deepEqual(onlyPredict, []);
});
