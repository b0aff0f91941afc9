/**
 * `deno task grade` as a learner runs it: the JSON report, the list, a fresh
 * start at 0 / N, and watch mode re-grading a saved notebook.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { listExercises } from "../../../tools/grade/exercise_list.ts";
import { GradeReportSchema } from "../../../tools/grade/report_schema.ts";
import { ProgressSchema } from "../../../tools/grade/progress.ts";
import { z } from "zod";
import {
  copyCourse,
  digestDir,
  keepingNotebooks,
  readSolution,
  setExerciseSource,
} from "./_course_copy.ts";
import { GRADE_MAIN, runGrade } from "./_run_grade.ts";

const MAIN = GRADE_MAIN;
const exercises = await listExercises();
const maxPoints = exercises.reduce((sum, m) => sum + m.points, 0);
const grade = (args: string[]) => keepingNotebooks([], () => runGrade(args));

Deno.test("grade on a fresh clone: 0 / N, every exercise listed, progress written, exit 1", async () => {
  const copy = await copyCourse();
  const progress = join(copy.root, ".course", "progress.json");
  try {
    const before = await digestDir(copy.notebooksDir);
    const { code, stdout } = await grade([
      "--notebooks",
      copy.notebooksDir,
      "--progress",
      progress,
    ]);
    assert.deepEqual(await digestDir(copy.notebooksDir), before);
    assert.equal(code, 1, "not every exercise passes: exit 1");
    assert.match(stdout, new RegExp(`graded: 0 / ${maxPoints} points`));
    assert.match(stdout, new RegExp(`0 / ${maxPoints} points, 0 of ${exercises.length} exercises`));
    for (const m of exercises) assert.ok(stdout.includes(m.id), `${m.id} missing from the report`);
    const saved = ProgressSchema.parse(JSON.parse(await Deno.readTextFile(progress)));
    assert.deepEqual(Object.keys(saved.exercises).sort(), exercises.map((m) => m.id).sort());
    const leftovers = [...Deno.readDirSync(join(copy.root, ".course"))].map((e) => e.name);
    assert.deepEqual(leftovers, ["progress.json"], "the atomic write left a temp file");
  } finally {
    await copy.dispose();
  }
});

Deno.test("grade --json prints only the report, valid against the schema --schema prints", async () => {
  const copy = await copyCourse();
  const [first] = exercises;
  try {
    const solution = await readSolution(first.id);
    await setExerciseSource(join(copy.notebooksDir, first.notebook), first.id, solution);
    const before = await digestDir(copy.notebooksDir);
    const progress = join(copy.root, "p.json");
    const { code, stdout } = await grade([
      "--json",
      "--notebooks",
      copy.notebooksDir,
      "--progress",
      progress,
    ]);
    assert.equal(code, 1, "the other exercises fail: exit 1");
    const printed = await grade(["--schema"]);
    assert.equal(printed.code, 0);
    const published = z.fromJSONSchema(JSON.parse(printed.stdout));
    const json = JSON.parse(stdout);
    assert.ok(published.safeParse(json).success, "the report does not match --schema");
    assert.ok(!published.safeParse({ ...json, version: 2 }).success, "the schema accepts anything");
    const report = GradeReportSchema.parse(json);
    assert.equal(report.version, 1);
    assert.deepEqual(report.total, { points: first.points, max: maxPoints });
    // Only this exercise, which passes: exit 0.
    const alone = await grade([
      "--json",
      "--notebooks",
      copy.notebooksDir,
      "--progress",
      progress,
      first.id,
    ]);
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(report.exercises.find((e) => e.id === first.id)?.status, "passed");
    assert.deepEqual(await digestDir(copy.notebooksDir), before);
  } finally {
    await copy.dispose();
  }
});

Deno.test("grade --list shows every exercise as todo before any grading", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { code, stdout } = await grade(["--list", "--progress", join(dir, "none.json")]);
    assert.equal(code, 0);
    for (const m of exercises) assert.match(stdout, new RegExp(`${m.id} .*\\(todo\\)`));
    assert.match(stdout, new RegExp(`0 / ${maxPoints} points`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade with an unknown id names it and lists the exercises", async () => {
  const { code, stderr } = await grade(["01-no-such-exercise"]);
  assert.equal(code, 2);
  assert.match(stderr, /unknown: 01-no-such-exercise/);
  assert.ok(stderr.includes(exercises[0].id));
});

Deno.test("grade --watch re-grades a notebook when it is saved", async () => {
  const copy = await copyCourse();
  const [first] = exercises;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      MAIN,
      "--watch",
      first.id,
      "--notebooks",
      copy.notebooksDir,
      "--progress",
      join(copy.root, "p.json"),
    ],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  // A safety net so that a broken watcher fails the test instead of hanging it.
  const stuck = setTimeout(() => child.kill(), 30_000);
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const until = async (pattern: RegExp) => {
    while (!pattern.test(seen)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`watch ended before ${pattern}; output:\n${seen}`);
      seen += value;
    }
  };
  try {
    await until(/watching .*save a notebook/);
    assert.match(seen, new RegExp(`✘ ${first.id}`));
    const solution = await readSolution(first.id);
    await setExerciseSource(join(copy.notebooksDir, first.notebook), first.id, solution);
    await until(new RegExp(`saved[\\s\\S]*✔ ${first.id}`));
  } finally {
    clearTimeout(stuck);
    child.kill("SIGINT");
    await reader.cancel();
    await child.status;
    await copy.dispose();
  }
});
