import assert from "node:assert/strict";
import type { ExerciseManifest } from "@course/lib/notebook/mod.ts";
import type { LearnerResult } from "../../../tools/class_report/collect.ts";
import { collectClass } from "../../../tools/class_report/collect.ts";
import { classCsv } from "../../../tools/class_report/csv.ts";
import { checkKey } from "../../../tools/class_report/misconceptions.ts";
import {
  completionPerChapter,
  failingChecksByMisconception,
  mostFailedExercises,
  UNNAMED,
} from "../../../tools/class_report/summarize.ts";
import { type ExerciseReport, REPORT_VERSION } from "../../../tools/grade/report_schema.ts";

const manifest = (id: string, notebook: string, points = 2) =>
  ({
    id,
    title: `title of ${id}`,
    notebook,
    points,
    exports: [],
    hints: [],
  }) as unknown as ExerciseManifest;
const MANIFESTS = [
  manifest("01-a", "01-x.ipynb"),
  manifest("01-b", "01-x.ipynb"),
  manifest("02-c", "02-y.ipynb"),
];

function exercise(id: string, failing: string[] = []): ExerciseReport {
  const passed = failing.length === 0;
  return {
    id,
    title: id,
    notebook: MANIFESTS.find((m) => m.id === id)!.notebook,
    status: passed ? "passed" : "failed",
    points: passed ? 2 : 0,
    max: 2,
    message: passed ? "" : `${failing[0]}: wrong`,
    error: null,
    answerShown: false,
    checks: ["first", "second"].map((name) => ({
      name,
      hidden: false,
      passed: !failing.includes(name),
      message: failing.includes(name) ? "wrong" : "",
      error: null,
    })),
  };
}

function learner(name: string, exercises: ExerciseReport[]): LearnerResult {
  const points = exercises.reduce((a, e) => a + e.points, 0);
  return {
    learner: name,
    report: { version: REPORT_VERSION, total: { points, max: 2 * exercises.length }, exercises },
    problem: null,
  };
}

const CLASS: LearnerResult[] = [
  learner("ada", [exercise("01-a"), exercise("01-b", ["first"]), exercise("02-c")]),
  learner("bob", [exercise("01-a", ["first", "second"]), exercise("01-b", ["first"])]),
  { learner: "cy", report: null, problem: "no report yet" },
];

Deno.test("completion per chapter counts passes over learners with a report", () => {
  assert.deepEqual(completionPerChapter(MANIFESTS, CLASS), [
    { chapter: "01-x", passed: 1, possible: 4, percent: 25 },
    { chapter: "02-y", passed: 1, possible: 2, percent: 50 },
  ]);
});

Deno.test("the most failed exercises come first", () => {
  assert.deepEqual(mostFailedExercises(MANIFESTS, CLASS).map((e) => [e.id, e.learners]), [
    ["01-b", 2],
    ["01-a", 1],
  ]);
});

Deno.test("failing checks are grouped by misconception, unnamed ones last", () => {
  const named = new Map([
    [checkKey("01-b", "first"), "thinks X"],
    [checkKey("01-a", "second"), "thinks X"],
  ]);
  const groups = failingChecksByMisconception(CLASS, named);
  assert.deepEqual(groups.map((g) => [g.misconception, g.learners]), [["thinks X", 2], [
    UNNAMED,
    1,
  ]]);
  assert.deepEqual(groups[0].checks.map((c) => [c.exercise, c.check, c.learners]), [
    ["01-b", "first", ["ada", "bob"]],
    ["01-a", "second", ["bob"]],
  ]);
});

Deno.test("the CSV keeps learners without a report and leaves ungraded cells empty", () => {
  assert.equal(
    classCsv(MANIFESTS, CLASS),
    "learner,status,points,max,01-a,01-b,02-c\n" +
      "ada,graded,4,6,2,0,2\n" +
      "bob,graded,0,4,0,0,\n" +
      "cy,no report yet,,,,,\n",
  );
  assert.match(classCsv([], [{ learner: "d", report: null, problem: 'x, "y"' }]), /d,"x, ""y""",,/);
});

Deno.test("collectClass reads reports, names a broken one, and lists a learner without one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-class-report-" });
  try {
    for (const name of ["ada", "bob", "cy"]) {
      await Deno.mkdir(`${dir}/${name}/.course`, { recursive: true });
    }
    await Deno.writeTextFile(`${dir}/ada/.course/grade.json`, JSON.stringify(CLASS[0].report));
    await Deno.writeTextFile(`${dir}/bob/.course/grade.json`, "{ not json");
    const results = await collectClass(dir);
    assert.deepEqual(results.map((r) => [r.learner, r.report !== null]), [["ada", true], [
      "bob",
      false,
    ], ["cy", false]]);
    assert.match(results[1].problem!, /bob\/\.course\/grade\.json is not JSON/);
    assert.equal(results[2].problem, "no report yet");
    await assert.rejects(collectClass(`${dir}/nope`), /cannot read the class folder/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
