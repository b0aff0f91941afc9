/**
 * Item 4 of the grader's contract: no cheap forgery. Each case keeps the
 * untouched stub of an exercise and adds an attack a curious learner could
 * find in ten minutes; none may earn the points, and the control (another
 * exercise holding its solution) still passes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type ExerciseManifest, loadManifest } from "@course/lib/notebook/mod.ts";
import { gradeExercises } from "../../../tools/grade/grade.ts";
import { refusedImports } from "../../../tools/grade/learner_module.ts";
import { MARKER } from "../../../tools/grade/sandbox_protocol.ts";
import {
  copyCourse,
  editNotebook,
  keepingNotebooks,
  markedCell,
  readSolution,
  setExerciseSource,
} from "./_course_copy.ts";

const ID = "01-predict-order";
const CONTROL = "01-fetch-all";
const NOTEBOOK = "01-async-io.ipynb";
const REPO = new URL("../../../", import.meta.url).pathname;

async function stubOf(path: string, id: string): Promise<string> {
  let source = "";
  await editNotebook(path, (nb) => {
    const raw = nb.cells[markedCell(nb, id)].source;
    source = Array.isArray(raw) ? raw.join("") : String(raw);
  });
  return source;
}

function forgery(name: string, attack: string, says?: RegExp) {
  Deno.test(`forgery: ${name}`, async () => {
    const copy = await copyCourse();
    try {
      const notebook = join(copy.notebooksDir, NOTEBOOK);
      const stub = await stubOf(notebook, ID);
      await setExerciseSource(notebook, ID, `${attack}\n${stub}`);
      const solution = await readSolution(CONTROL);
      await setExerciseSource(notebook, CONTROL, solution);
      const manifests: ExerciseManifest[] = await Promise.all(
        [ID, CONTROL].map((id) => loadManifest(id)),
      );
      const report = await keepingNotebooks(
        [copy.notebooksDir],
        () => gradeExercises(manifests, { notebooksDir: copy.notebooksDir }),
      );
      const [attacked, control] = report.exercises;
      assert.notEqual(attacked.status, "passed", "the forgery earned the points");
      assert.equal(attacked.points, 0);
      if (says) assert.match(attacked.message, says);
      assert.equal(control.status, "passed", control.message);
    } finally {
      await copy.dispose();
    }
  });
}

forgery(
  "patching the process's stdout writer to rewrite the verdict",
  `const write = Deno.stdout.writeSync.bind(Deno.stdout);
Deno.stdout.writeSync = (b) => write(new TextEncoder().encode(
  new TextDecoder().decode(b).replaceAll('"passed":false', '"passed":true').replaceAll('"error":null', '"error":null')));`,
);
forgery(
  "printing a marker line (the nonce is not in Deno.args)",
  `console.log(${JSON.stringify(MARKER)} + Deno.args[0] + ' {"type":"result","id":"${ID}",` +
    `"outcome":{"checks":[],"passed":true,"message":"","error":null}}');`,
);
forgery(
  "replacing Promise.race",
  "Promise.race = () => Promise.resolve();",
  /TypeError|tamper/,
);
forgery(
  "replacing Array.prototype.find with defineProperty",
  'Object.defineProperty(Array.prototype, "find", { value: () => undefined });',
  /TypeError|tamper/,
);
forgery(
  "adding Object.prototype.toJSON to rewrite every JSON result",
  'Object.prototype.toJSON = function () { return { ...this, passed: true, error: null, message: "" }; };',
  /tamper: .*Object\.prototype\.toJSON/,
);
forgery(
  "replacing a global binding",
  "globalThis.Promise = class extends Promise {};",
  /TypeError|tamper/,
);
forgery(
  "a patch made during the checks and undone a microtask later",
  `const realEvery = Array.prototype.every;
setTimeout(() => {}, 0);
queueMicrotask(() => { try { Array.prototype.every = () => true; } catch {} queueMicrotask(() => { try { Array.prototype.every = realEvery; } catch {} }); });`,
);
forgery(
  "patching a method of a library class the checks use",
  'import { EventLoop } from "@course/lib";\nEventLoop.prototype.time = function () { return 1; };',
  /tamper: .*EventLoop\.prototype\.time/,
);
forgery(
  "importing the exercise's check.ts by path and emptying it",
  `import checks from "${REPO}exercises/${ID}/check.ts";\nchecks.checks.length = 0;`,
  /permission: .*imports "\/.*check\.ts"/,
);
forgery(
  "importing the grader's runner by a path through @course/lib",
  `import * as runner from "@course/lib/../tools/grade/sandbox_runner.ts";\nconsole.log(runner);`,
  /permission: .*not files by path/,
);

Deno.test("refusedImports: library, packages, npm: and node: pass; paths and URLs do not", () => {
  const map = ["@course/lib", "@course/lib/", "zod"];
  const source = [
    'import { sleep } from "@course/lib";',
    'import { check } from "@course/lib/notebook/mod.ts";',
    'import { z } from "zod";',
    'import fs from "node:fs";',
    'import "npm:left-pad@1";',
    'import x from "./x.ts";',
    'export { y } from "/abs/y.ts";',
    'const z2 = await import("file:///abs/z.ts");',
    "const w = await import(`../w.ts`);",
    'import up from "@course/lib/../tools/grade/main.ts";',
    'import remote from "https://example.com/m.ts";',
  ].join("\n");
  assert.deepEqual(refusedImports(source, map), [
    "./x.ts",
    "/abs/y.ts",
    "file:///abs/z.ts",
    "../w.ts",
    "@course/lib/../tools/grade/main.ts",
    "https://example.com/m.ts",
  ]);
});
