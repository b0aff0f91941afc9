/**
 * Item 2 of the grader's contract: progress only moves forward on evidence. A
 * recorded pass survives an unreadable notebook, a mistyped path, a missing
 * folder and Ctrl-C; Ctrl-C ends the grader at once and records nothing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { emptyProgress, type Progress, recordReport } from "../../../tools/grade/progress.ts";
import type { ExerciseReport } from "../../../tools/grade/report_schema.ts";
import { copyCourse, keepingNotebooks, setExerciseSource } from "./_course_copy.ts";
import { GRADE_MAIN, runGrade } from "./_run_grade.ts";

const ID = "01-predict-order";
const NOTEBOOK = "01-async-io.ipynb";

function reportOf(status: ExerciseReport["status"], error: ExerciseReport["error"]) {
  const line: ExerciseReport = {
    id: ID,
    title: "t",
    notebook: NOTEBOOK,
    status,
    points: status === "passed" ? 2 : 0,
    max: 2,
    message: error ? `${error}: ...` : "",
    error,
    checks: [],
    answerShown: false,
  };
  return { version: 1 as const, total: { points: line.points, max: 2 }, exercises: [line] };
}

/** A progress file in which `ID` passed. */
async function passedProgress(path: string): Promise<string> {
  const progress: Progress = recordReport(emptyProgress(), reportOf("passed", null), new Date(0));
  const text = JSON.stringify(progress, null, 2) + "\n";
  await Deno.writeTextFile(path, text);
  return text;
}

Deno.test("recordReport: an unreadable notebook's result never replaces a recorded result", () => {
  const passed = recordReport(emptyProgress(), reportOf("passed", null), new Date(0));
  assert.deepEqual(recordReport(passed, reportOf("error", "notebook")), passed);
  assert.deepEqual(recordReport(emptyProgress(), reportOf("error", "notebook")), emptyProgress());
  // A real answer is evidence, in either direction.
  assert.equal(recordReport(passed, reportOf("failed", null)).exercises[ID].status, "failed");
});

Deno.test("a half-saved notebook, a mistyped path, a missing folder: the pass stays", async () => {
  const copy = await copyCourse();
  const progress = join(copy.root, "progress.json");
  try {
    const before = await passedProgress(progress);
    await Deno.writeTextFile(join(copy.notebooksDir, NOTEBOOK), '{"cells": [{"cell_t');
    await keepingNotebooks([copy.notebooksDir], async () => {
      const torn = await runGrade(["--notebooks", copy.notebooksDir, "--progress", progress, ID]);
      assert.equal(torn.code, 1, torn.stderr);
      assert.match(torn.stdout, /not valid JSON/);
      assert.equal(await Deno.readTextFile(progress), before);
      for (
        const [args, says] of [
          [[join(copy.root, "01-async-io-typo.ipynb")], /no such notebook file/],
          [["--notebooks", join(copy.root, "nope")], /--notebooks .*nope: no such folder/],
          [["--exercises", join(copy.root, "nope")], /--exercises .*nope: no such folder/],
        ] as const
      ) {
        const run = await runGrade([...args, "--progress", progress]);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, says);
        assert.equal(await Deno.readTextFile(progress), before);
      }
    });
  } finally {
    await copy.dispose();
  }
});

/**
 * Starts the grader in a process group of its own (`setsid`), with `ID`'s cell
 * looping forever under a 60 s limit, and interrupts it after `afterMs`:
 * the whole group (as Ctrl-C in a terminal does) or the grader alone.
 */
async function interruptCase(target: "group" | "grader", watch: boolean) {
  const copy = await copyCourse({ withExercises: true });
  const progress = join(copy.root, "progress.json");
  try {
    const manifestUrl = new URL(`${ID}/exercise.json`, copy.exercisesDir);
    const manifest = JSON.parse(await Deno.readTextFile(manifestUrl));
    await Deno.writeTextFile(manifestUrl, JSON.stringify({ ...manifest, timeLimit: 60 }));
    await setExerciseSource(
      join(copy.notebooksDir, NOTEBOOK),
      ID,
      "while (true) {}\nconst order = [];\n",
    );
    const before = await passedProgress(progress);
    await keepingNotebooks([copy.notebooksDir], async () => {
      const child = new Deno.Command("setsid", {
        args: [
          Deno.execPath(),
          "run",
          "-A",
          GRADE_MAIN,
          ...(watch ? ["--watch"] : []),
          "--notebooks",
          copy.notebooksDir,
          "--exercises",
          copy.exercisesDir.pathname,
          "--progress",
          progress,
          ID,
        ],
        env: { NO_COLOR: "1" },
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // Whenever the interrupt lands (starting up, or grading the endless loop), the result is the same.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const startedAt = performance.now();
      Deno.kill(target === "group" ? -child.pid : child.pid, "SIGINT");
      const [status, stderr] = await Promise.all([
        child.status,
        new Response(child.stderr).text(),
      ]);
      const seconds = (performance.now() - startedAt) / 1000;
      assert.equal(status.code, 130, stderr);
      assert.ok(seconds < 20, `took ${seconds} s to stop`);
      assert.equal(await Deno.readTextFile(progress), before);
      // Nothing of the grader's group is left running (the sandbox was killed too).
      assert.throws(() => Deno.kill(-child.pid, "SIGCONT"));
    });
  } finally {
    await copy.dispose();
  }
}

Deno.test("Ctrl-C (the whole process group) ends grading at once and records nothing", () =>
  interruptCase("group", false));
Deno.test("SIGINT to the grader alone ends grading at once and records nothing", () =>
  interruptCase("grader", false));
Deno.test("Ctrl-C ends --watch at once, also during the first grading", () =>
  interruptCase("group", true));
