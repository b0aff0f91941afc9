/**
 * Bad input in an exercise cell or a notebook: each gives a clear message
 * naming the notebook and the exercise, the other exercises (in the same
 * notebook, and in another) still pass, and no notebook's bytes change. Also
 * the resource cases of item 5 (memory outside the heap, huge and strange
 * thrown values) and the isolation cases of item 3 (what an exercise leaves
 * behind cannot reach another's result).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type ErrorKind, type ExerciseManifest, loadManifest } from "@course/lib/notebook/mod.ts";
import { gradeExercises } from "../../../tools/grade/grade.ts";
import type { GradeReport } from "../../../tools/grade/report_schema.ts";
import {
  copyCourse,
  type CourseCopy,
  editNotebook,
  keepingNotebooks,
  markedCell,
  readSolution,
  setExerciseSource,
} from "./_course_copy.ts";

const ID = "01-predict-order";
const NOTEBOOK = "01-async-io.ipynb";
const SOLUTION = await readSolution(ID);

/**
 * A course copy where exercise `ID` has a 1 s time limit, plus two controls
 * holding the solution: `01-zz-control` in the same notebook (so it shares the
 * bad exercise's process) and `99-control` in a notebook of its own.
 */
async function setUp(
  timeLimit = 1,
): Promise<{ copy: CourseCopy; manifests: ExerciseManifest[] }> {
  const copy = await copyCourse({ withExercises: true });
  const dir = copy.exercisesDir;
  const manifest = JSON.parse(await Deno.readTextFile(new URL(`${ID}/exercise.json`, dir)));
  await Deno.writeTextFile(
    new URL(`${ID}/exercise.json`, dir),
    JSON.stringify({ ...manifest, timeLimit }),
  );
  const notebookPath = join(copy.notebooksDir, NOTEBOOK);
  for (const [control, notebook] of [["01-zz-control", NOTEBOOK], ["99-control", "99-x.ipynb"]]) {
    await Deno.mkdir(new URL(control, dir));
    for (const file of ["check.ts", "program.ts"]) {
      await Deno.copyFile(new URL(`${ID}/${file}`, dir), new URL(`${control}/${file}`, dir));
    }
    await Deno.writeTextFile(
      new URL(`${control}/exercise.json`, dir),
      JSON.stringify({ ...manifest, id: control, notebook }),
    );
    const target = join(copy.notebooksDir, notebook);
    if (notebook !== NOTEBOOK) await Deno.copyFile(notebookPath, target);
    await editNotebook(target, (nb) => {
      const cell = structuredClone(nb.cells[markedCell(nb, ID)]);
      cell.id = `${control}-cell`;
      cell.metadata = { course: { exercise: control } };
      cell.source = SOLUTION;
      if (notebook !== NOTEBOOK) nb.cells = [cell];
      else nb.cells.push(cell);
    });
  }
  const manifests = await Promise.all(
    [ID, "01-zz-control", "99-control"].map((id) => loadManifest(id, dir)),
  );
  return { copy, manifests };
}

/** Grades with the bad exercise first, and checks what every bad input must give. */
async function gradeBadInput(
  copy: CourseCopy,
  manifests: ExerciseManifest[],
  expected: { error: ErrorKind; status?: "error" | "failed"; says: RegExp },
): Promise<GradeReport> {
  const report = await keepingNotebooks([copy.notebooksDir], () =>
    gradeExercises(manifests, {
      notebooksDir: copy.notebooksDir,
      exercisesDir: copy.exercisesDir,
      outputCap: 256 * 1024,
    }));
  const [bad, ...controls] = report.exercises;
  assert.equal(bad.points, 0);
  assert.equal(bad.status, expected.status ?? "error", bad.message);
  assert.equal(bad.error, expected.error, bad.message);
  assert.match(bad.message, expected.says);
  assert.ok(bad.message.length < 2600, `a message of ${bad.message.length} characters`);
  if (bad.status === "error") {
    assert.ok(bad.message.startsWith(`${expected.error}: `), bad.message);
    assert.ok(bad.message.includes(NOTEBOOK) && bad.message.includes(ID), bad.message);
  }
  for (const control of controls) {
    assert.equal(control.status, "passed", `${control.id}: ${control.message}`);
  }
  return report;
}

/** Puts `source` into the exercise cell and expects the given error. */
function cellCase(
  name: string,
  source: string,
  expected: { error: ErrorKind; status?: "error" | "failed"; says: RegExp },
  timeLimit = 1,
) {
  Deno.test(`bad input: ${name}`, async () => {
    const { copy, manifests } = await setUp(timeLimit);
    try {
      await setExerciseSource(join(copy.notebooksDir, NOTEBOOK), ID, source);
      await gradeBadInput(copy, manifests, expected);
    } finally {
      await copy.dispose();
    }
  });
}

cellCase("a cell that does not compile", "const order: string[] = [;\n", {
  error: "syntax",
  says: /cell "predict-order-exercise" line 1/,
});
cellCase("a cell that throws", 'throw new Error("boom");\nconst order = [];\n', {
  error: "throw",
  says: /Error: boom.*while running the cell/,
});
cellCase("a cell that loops forever", "while (true) {}\nconst order = [];\n", {
  error: "timeout",
  says: /1 s time limit/,
});
cellCase("a cell awaiting forever", "await new Promise(() => {});\nconst order = [];\n", {
  error: "timeout",
  says: /within 1 s/,
});
cellCase(
  "a cell that prints megabytes",
  'for (let i = 0; i < 100_000; i++) console.log("x".repeat(100));\nconst order = [];\n',
  { error: "output", says: /printed more than 256 KiB/ },
);
cellCase("a cell that calls Deno.exit", "Deno.exit(3);\nconst order = [];\n", {
  error: "exit",
  says: /Deno\.exit\(3\)/,
});
cellCase(
  "a cell that reads a file",
  'const order = Deno.readTextFileSync("/etc/hostname").split("");\n',
  { error: "permission", says: /read access/ },
);
cellCase(
  "a cell that opens the network",
  'const conn = await Deno.connect({ hostname: "127.0.0.1", port: 8080 });\nconst order = [];\n',
  { error: "permission", says: /net access/ },
);
cellCase(
  "a cell that exhausts memory (the process dies; the others still grade)",
  "const hoard = [];\nwhile (true) hoard.push(new Array(1_000_000).fill(1));\nconst order = [];\n",
  { error: "crash", says: /out of memory/ },
  // However slow the machine, the heap fills long before this limit: never a timeout.
  30,
);
cellCase(
  "a cell that fills ArrayBuffers (outside the heap limit): stopped at 1 GiB resident",
  "const hoard = [];\nwhile (true) { const b = new Uint8Array(64 * 2 ** 20); b.fill(1); hoard.push(b); }\n" +
    "const order = [];\n",
  { error: "crash", says: /out of memory: the code used more than 1024 MiB/ },
  30,
);
cellCase(
  "a cell that throws an error with a 200 KB message",
  'throw new Error("x".repeat(200_000));\nconst order = [];\n',
  { error: "throw", says: /Error: x{100,}.*more characters cut/ },
);
cellCase(
  "a cell that throws an error whose name getter throws",
  'const e = new Error("boom");\nObject.defineProperty(e, "name", { get() { throw new Error("gotcha"); } });\n' +
    "throw e;\nconst order = [];\n",
  { error: "throw", says: /threw Error: boom/ },
);
cellCase("a cell that throws a number", "throw 42;\nconst order = [];\n", {
  error: "throw",
  says: /threw a number: 42/,
});
cellCase(
  "a cell that throws a Proxy whose every trap throws",
  "throw new Proxy({}, { getPrototypeOf() { throw 1; }, get() { throw 2; }, has() { throw 3; }, " +
    "ownKeys() { throw 4; }, getOwnPropertyDescriptor() { throw 5; } });\nconst order = [];\n",
  { error: "throw", says: /threw an object/ },
);
cellCase(
  "an answer whose every use throws a 200 KB error inside the checks",
  'const order = new Proxy([], { get() { throw new Error("y".repeat(200_000)); } });\n',
  { error: "throw", status: "failed", says: /Error: y{100,}.*more characters cut/ },
);
cellCase("a cell that no longer defines the name", "const ordr: string[] = [];\n", {
  error: null as unknown as ErrorKind,
  status: "failed",
  says: /`order` is not defined/,
});

Deno.test("bad input: a notebook that is not valid JSON", async () => {
  const { copy, manifests } = await setUp();
  try {
    await Deno.writeTextFile(join(copy.notebooksDir, NOTEBOOK), '{"cells": [');
    const report = await keepingNotebooks([copy.notebooksDir], () =>
      gradeExercises(manifests, {
        notebooksDir: copy.notebooksDir,
        exercisesDir: copy.exercisesDir,
      }));
    const [bad, sameNotebook, other] = report.exercises;
    for (const e of [bad, sameNotebook]) {
      assert.equal(e.error, "notebook");
      assert.match(e.message, /^notebook: 01-async-io\.ipynb, exercise .*not valid JSON/);
    }
    assert.equal(other.status, "passed", other.message);
  } finally {
    await copy.dispose();
  }
});

Deno.test("bad input: the exercise cell deleted, or its metadata removed", async () => {
  const { copy, manifests } = await setUp();
  const path = join(copy.notebooksDir, NOTEBOOK);
  try {
    await editNotebook(path, (nb) => nb.cells.splice(markedCell(nb, ID), 1));
    await gradeBadInput(copy, manifests, { error: "cell", says: /deleted/ });
  } finally {
    await copy.dispose();
  }
  const again = await setUp();
  try {
    await editNotebook(join(again.copy.notebooksDir, NOTEBOOK), (nb) => {
      nb.cells[markedCell(nb, ID)].metadata = {};
    });
    await gradeBadInput(again.copy, again.manifests, {
      error: "cell",
      says: /metadata removed/,
    });
  } finally {
    await again.copy.dispose();
  }
});

/**
 * What an exercise leaves behind once its checks are done cannot change another
 * exercise's result: each runs in a sandbox of its own. The leftover's own
 * exercise gets whatever it earned (a pass, or its own timeout).
 */
function leftoverCase(name: string, leftover: string) {
  Deno.test(`isolation: ${name}`, async () => {
    const { copy, manifests } = await setUp(2);
    try {
      await setExerciseSource(join(copy.notebooksDir, NOTEBOOK), ID, `${SOLUTION}\n${leftover}\n`);
      const report = await keepingNotebooks([copy.notebooksDir], () =>
        gradeExercises(manifests, {
          notebooksDir: copy.notebooksDir,
          exercisesDir: copy.exercisesDir,
          concurrency: 1,
        }));
      const [own, ...controls] = report.exercises;
      assert.ok(own.status === "passed" || own.message.includes(ID), own.message);
      for (const control of controls) {
        assert.equal(control.status, "passed", `${control.id}: ${control.message}`);
      }
    } finally {
      await copy.dispose();
    }
  });
}

leftoverCase(
  "a busy timer left running",
  "setInterval(() => { const end = Date.now() + 300; while (Date.now() < end) {} }, 1);",
);
leftoverCase(
  "a microtask loop started after the checks",
  "setTimeout(function spin() { queueMicrotask(spin); }, 20);",
);
leftoverCase(
  "patched globals",
  "setTimeout(() => { Array.prototype.map = () => []; Promise.race = () => new Promise(() => {}); }, 0);",
);
leftoverCase("a promise that never settles", "new Promise(() => {});");
