/**
 * Item 8 of the grader's contract: learners' habits. A "Make a Copy" notebook
 * is graded when named and listed by `--list`; every unreadable notebook is
 * named; a graded cell that uses a name from an earlier cell is told that it
 * is graded on its own, and which cell defines the name.
 *
 * @module
 */
import assert from "node:assert/strict";
import { listExercises } from "../../../tools/grade/exercise_list.ts";
import { join } from "node:path";
import { loadManifest } from "@course/lib/notebook/mod.ts";
import { explainMissingName, gradeExercises } from "../../../tools/grade/grade.ts";
import { definingCell, readGradedNotebook } from "../../../tools/grade/notebook_cells.ts";
import { GradeReportSchema } from "../../../tools/grade/report_schema.ts";
import {
  copyCourse,
  editNotebook,
  keepingNotebooks,
  markedCell,
  readSolution,
  setExerciseSource,
} from "./_course_copy.ts";
import { runGrade } from "./_run_grade.ts";

const NOTEBOOK = "01-async-io.ipynb";
const COPY = "01-async-io-Copy1.ipynb";
const ID = "01-fetch-all";

Deno.test("a copy of a chapter is graded when named, and listed by --list", async () => {
  const copy = await copyCourse();
  try {
    const copyPath = join(copy.notebooksDir, COPY);
    await Deno.copyFile(join(copy.notebooksDir, NOTEBOOK), copyPath);
    const solution = await readSolution(ID);
    await setExerciseSource(copyPath, ID, solution);
    const progress = join(copy.root, "p.json");
    await keepingNotebooks([copy.notebooksDir], async () => {
      const graded = await runGrade(["--json", "--progress", progress, copyPath]);
      const report = GradeReportSchema.parse(JSON.parse(graded.stdout));
      const mine = report.exercises.find((e) => e.id === ID)!;
      assert.equal(mine.status, "passed", mine.message);
      assert.equal(mine.notebook, COPY);
      // Every exercise of the chapter, from the manifests (chapters gain exercises).
      const inChapter = (await listExercises()).filter((m) => m.notebook === NOTEBOOK);
      assert.deepEqual(report.exercises.map((e) => e.id).sort(), inChapter.map((m) => m.id).sort());
      const listed = await runGrade([
        "--list",
        "--notebooks",
        copy.notebooksDir,
        "--progress",
        progress,
      ]);
      assert.equal(listed.code, 0);
      assert.match(listed.stdout, new RegExp(`also in ${COPY}: .*${ID}`));
    });
  } finally {
    await copy.dispose();
  }
});

Deno.test("every unreadable notebook is named, exercises or not", async () => {
  const copy = await copyCourse();
  try {
    await Deno.writeTextFile(join(copy.notebooksDir, "00-welcome.ipynb"), '{"cells": [');
    await Deno.writeTextFile(join(copy.notebooksDir, "scratch.ipynb"), "not json at all");
    const progress = join(copy.root, "p.json");
    await keepingNotebooks([copy.notebooksDir], async () => {
      for (const extra of [["--list"], [ID]]) {
        const run = await runGrade([
          ...extra,
          "--notebooks",
          copy.notebooksDir,
          "--progress",
          progress,
        ]);
        assert.match(run.stderr, /cannot read notebook 00-welcome\.ipynb: .*not valid JSON/);
        assert.match(run.stderr, /cannot read notebook scratch\.ipynb: /);
      }
    });
  } finally {
    await copy.dispose();
  }
});

Deno.test("a name from an earlier cell: the message says the cell is graded alone, and where the name is", async () => {
  const copy = await copyCourse();
  const id = "01-predict-order";
  try {
    const path = join(copy.notebooksDir, NOTEBOOK);
    let helperCell = 0;
    await editNotebook(path, (nb) => {
      const at = markedCell(nb, id);
      nb.cells.splice(at, 0, {
        id: "helper-cell",
        cell_type: "code",
        metadata: {},
        source: "const myLetters = ['A', 'E', 'C', 'D', 'B'];",
        outputs: [],
        execution_count: null,
      } as never);
      helperCell = at + 1;
    });
    await setExerciseSource(path, id, "const order = myLetters;\nconst other = nowhere;\n");
    const report = await keepingNotebooks(
      [copy.notebooksDir],
      async () => gradeExercises([await loadManifest(id)], { notebooksDir: copy.notebooksDir }),
    );
    const [graded] = report.exercises;
    assert.match(graded.message, /ReferenceError: myLetters is not defined/);
    assert.match(graded.message, /graded on its own/);
    assert.match(
      graded.message,
      new RegExp(`\`myLetters\` is defined in cell ${helperCell} of the notebook`),
    );
    const notebook = await readGradedNotebook(path);
    assert.equal(definingCell(notebook, "myLetters", notebook.cells.length), helperCell);
    assert.match(
      explainMissingName(
        "throw: the code threw ReferenceError: nowhere is not defined",
        notebook,
        999,
      ),
      /define or import `nowhere` in the exercise cell$/,
    );
    assert.equal(explainMissingName("throw: TypeError: x", notebook, 3), "throw: TypeError: x");
  } finally {
    await copy.dispose();
  }
});

Deno.test("definingCell: declarations of every kind, the last one before the cell", async () => {
  const nb = (sources: string[]) =>
    ({
      cells: sources.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [] })),
    }) as never;
  const cells = nb([
    'import { sleep, gather as g } from "@course/lib";',
    "function* worker() {}",
    "async function fetchOne() {}",
    "let { a, b } = obj;",
    "class Server {}",
    "const urls = [];",
    "const urls = [1];",
    "urls.push(3);",
  ]);
  assert.equal(definingCell(cells, "sleep", 8), 1);
  assert.equal(definingCell(cells, "g", 8), 1);
  assert.equal(definingCell(cells, "worker", 8), 2);
  assert.equal(definingCell(cells, "fetchOne", 8), 3);
  assert.equal(definingCell(cells, "b", 8), 4);
  assert.equal(definingCell(cells, "Server", 8), 5);
  assert.equal(definingCell(cells, "urls", 8), 7);
  assert.equal(definingCell(cells, "urls", 6), 6);
  assert.equal(definingCell(cells, "missing", 8), null);
  await Promise.resolve();
});
