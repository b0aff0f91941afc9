/**
 * Grading needs no network once the module cache is warm: the sandbox loads
 * from `deno.lock` and the local cache only. The test grades once online (which
 * warms a cold cache), then again with the network cut: in a new network
 * namespace (`unshare -rn`, loopback up) where that works, else with every
 * proxy variable pointing at a closed port.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { HERMETIC_FLAGS, isCacheMiss, sandboxEnv } from "../../../tools/grade/module_cache.ts";
import { copyCourse, keepingNotebooks, readSolution, setExerciseSource } from "./_course_copy.ts";
import { GRADE_MAIN, runGrade } from "./_run_grade.ts";
import { runDenoOffline } from "../../_offline.ts";

const ID = "01-fetch-all";

Deno.test("grading works with the network cut, after one online run", async () => {
  const copy = await copyCourse();
  try {
    const notebook = join(copy.notebooksDir, "01-async-io.ipynb");
    const solution = await readSolution(ID);
    await setExerciseSource(notebook, ID, solution);
    await keepingNotebooks([copy.notebooksDir], async () => {
      const args = [
        "--json",
        "--progress",
        join(copy.root, "p.json"),
        "--notebooks",
        copy.notebooksDir,
        ID,
      ];
      const online = await runGrade(args);
      assert.equal(online.code, 0, online.stderr);

      const offline = await runDenoOffline(["run", "-A", GRADE_MAIN, ...args], copy.root);
      assert.equal(offline.code, 0, `${offline.how}: ${offline.stderr}`);
      const report = JSON.parse(offline.stdout);
      for (const e of report.exercises) {
        assert.notEqual(e.error, "crash", `${e.id}: ${e.message}`);
      }
      assert.equal(report.exercises.find((e: { id: string }) => e.id === ID).status, "passed");
    });
  } finally {
    await copy.dispose();
  }
});

Deno.test("module cache: hermetic flags, Deno's own variables kept, cache misses recognised", () => {
  assert.ok(HERMETIC_FLAGS.includes("--frozen") && HERMETIC_FLAGS.includes("--cached-only"));
  const env = sandboxEnv((name) =>
    ({ HTTPS_PROXY: "http://proxy:3128", SSL_CERT_FILE: "/ca.pem", SECRET_TOKEN: "x" })[name]
  );
  assert.deepEqual(env, {
    NO_COLOR: "1",
    HTTPS_PROXY: "http://proxy:3128",
    SSL_CERT_FILE: "/ca.pem",
  });
  assert.ok(isCacheMiss([
    "error: Failed caching npm package 'fast-check@4.10.2'",
    '    0: npm package not found in cache: "fast-check", --cached-only is specified.',
  ]));
  assert.ok(!isCacheMiss(["error: Uncaught (in promise) Error: boom"]));
});
