/**
 * The grader's small parts: the learner module, positions mapped back to
 * cells, progress files, selection and the progress bar.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseManifest } from "@course/lib";
import { buildLearnerModule, mapPositions } from "../../../tools/grade/learner_module.ts";
import {
  emptyProgress,
  readProgress,
  recordReport,
  writeProgress,
} from "../../../tools/grade/progress.ts";
import { progressBar } from "../../../tools/grade/render_report.ts";
import { UsageError } from "../../../tools/grade/usage_error.ts";
import { selectExercises } from "../../../tools/grade/select.ts";
import type { GradeReport } from "../../../tools/grade/report_schema.ts";

Deno.test("learner module: cells in order, repeated imports once, names exported safely", () => {
  const module = buildLearnerModule([
    { cellId: "setup", source: 'import { sleep } from "@course/lib";\nconst a = 1;' },
    { cellId: "ex", source: 'import { sleep } from "@course/lib";\nfunction f() {}' },
  ], ["f", "gone"]);
  assert.equal(module.source.match(/import \{ sleep \}/g)?.length, 1);
  assert.ok(module.source.indexOf("const a") < module.source.indexOf("function f"));
  assert.match(module.source, /f: typeof f === "undefined" \? undefined : f,/);
  assert.match(module.source, /gone: typeof gone === "undefined" \? undefined : gone,/);
  assert.deepEqual(module.cellStarts, [{ cellId: "setup", line: 2 }, { cellId: "ex", line: 5 }]);
  const url = "file:///tmp/x/ex.ts";
  assert.equal(
    mapPositions(`boom at ${url}:6:3 and ${url}:3`, url, module),
    'boom at cell "ex" line 2:3 and cell "setup" line 2',
  );
});

Deno.test("progress: written atomically, read back; a damaged file is refused, not overwritten", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "nested", "progress.json");
    assert.deepEqual(await readProgress(path), emptyProgress());
    const report: GradeReport = {
      version: 1,
      total: { points: 2, max: 2 },
      exercises: [{
        id: "01-a",
        title: "A",
        notebook: "01.ipynb",
        status: "passed",
        points: 2,
        max: 2,
        message: "",
        error: null,
        checks: [],
        answerShown: false,
      }],
    };
    const progress = recordReport(emptyProgress(), report, new Date(0));
    await writeProgress(path, progress);
    assert.deepEqual(await readProgress(path), progress);
    assert.deepEqual([...Deno.readDirSync(join(dir, "nested"))].map((e) => e.name), [
      "progress.json",
    ]);
    await Deno.writeTextFile(path, "{ torn");
    await assert.rejects(readProgress(path), /not a grader progress file.*damaged.*delete it/);
    await assert.rejects(writeProgress(path, progress), UsageError);
    assert.equal(await Deno.readTextFile(path), "{ torn");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("selection: ids, notebook paths, unknown names", () => {
  const m = (id: string, notebook: string) =>
    parseManifest(
      JSON.stringify({
        id,
        title: id,
        notebook,
        points: 1,
        kind: "write",
        concepts: [1],
        exports: ["x"],
        hints: ["h"],
      }),
      id,
    );
  const all = [m("01-a", "01.ipynb"), m("01-b", "01.ipynb"), m("02-c", "02.ipynb")];
  assert.deepEqual(selectExercises([], all).manifests.map((e) => e.id), ["01-a", "01-b", "02-c"]);
  const byPath = selectExercises(["/tmp/elsewhere/01.ipynb", "02-c"], all);
  assert.deepEqual(byPath.manifests.map((e) => e.id), ["01-a", "01-b", "02-c"]);
  assert.equal(byPath.exercisePaths.get("01-a"), "/tmp/elsewhere/01.ipynb");
  assert.throws(() => selectExercises(["03-z"], all), /unknown: 03-z/);
  // A copy is graded by the marks it holds, whatever its name.
  const copy = selectExercises(
    ["/tmp/01-Copy1.ipynb"],
    all,
    new Map([["/tmp/01-Copy1.ipynb", ["01-b"]]]),
  );
  assert.deepEqual(copy.manifests.map((e) => e.id), ["01-b"]);
  assert.equal(copy.exercisePaths.get("01-b"), "/tmp/01-Copy1.ipynb");
  assert.throws(() => selectExercises(["/tmp/other.ipynb"], all), /holds no exercise cell/);
});

Deno.test("manifest: defaults filled, typos and bad ids refused", () => {
  const base = {
    id: "01-a",
    title: "A",
    notebook: "01.ipynb",
    points: 1,
    kind: "write",
    concepts: [1],
    exports: ["x"],
  };
  const parsed = parseManifest(JSON.stringify({ ...base, hints: ["h"] }), "m.json");
  assert.deepEqual([parsed.timeLimit, parsed.permissions, parsed.cells], [5, [], []]);
  assert.throws(() => parseManifest(JSON.stringify({ ...base, hint: ["h"] }), "m.json"), /hint/);
  assert.throws(
    () => parseManifest(JSON.stringify({ ...base, id: "A", hints: ["h"] }), "m.json"),
    /m\.json: invalid exercise manifest: id/,
  );
  assert.throws(() => parseManifest("{", "m.json"), /m\.json: not valid JSON/);
  assert.throws(
    () => parseManifest(JSON.stringify({ ...base, concepts: [19], hints: ["h"] }), "m.json"),
    /concepts\.0/,
  );
  assert.throws(
    () => parseManifest(JSON.stringify({ ...base, concepts: [2, 2], hints: ["h"] }), "m.json"),
    /concepts: lists a concept twice/,
  );
});

Deno.test("progress bar", () => {
  assert.equal(progressBar(0, 10, 10), "[----------] 0%");
  assert.equal(progressBar(5, 10, 10), "[#####-----] 50%");
  assert.equal(progressBar(3, 0, 4), "[----] 0%");
});
