/**
 * `runChecks`, the one implementation behind `check()` and the grader: how it
 * tells a wrong answer from a crash, hides hidden checks, and stops at the
 * time limit.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  CheckFailure,
  defineChecks,
  fail,
  renderCheckTableForTest,
  runChecks,
} from "./_imports.ts";

const options = { required: ["f"], includeHidden: true, timeLimit: 5 };

Deno.test("runChecks: pass, wrong answer and crash are told apart", async () => {
  const exercise = defineChecks<{ f: () => number }>([
    { name: "passes", run: () => {} },
    { name: "wrong", run: ({ f }) => void (f() === 2 || fail(`expected 2, got ${f()}`)) },
    { name: "crashes", run: () => JSON.parse("{") },
    // What Deno throws without the grant (tests run with -A, so it is thrown by hand).
    {
      name: "no permission",
      run: () => {
        throw new Deno.errors.NotCapable('Requires read access to "/etc/hostname"');
      },
    },
  ]);
  const outcome = await runChecks(exercise, { f: () => 1 }, options);
  assert.deepEqual(outcome.checks.map((c) => [c.passed, c.error]), [
    [true, null],
    [false, null],
    [false, "throw"],
    [false, "permission"],
  ]);
  assert.equal(outcome.message, "wrong: expected 2, got 1");
  assert.match(outcome.checks[2].message, /^throw: the code threw SyntaxError/);
});

Deno.test("runChecks: hidden checks run only when asked", async () => {
  const exercise = defineChecks([
    { name: "visible", run: () => {} },
    { name: "hidden", hidden: true, run: () => fail("hidden failure") },
  ]);
  const visible = await runChecks(exercise, { f: 1 }, { ...options, includeHidden: false });
  assert.equal(visible.passed, true);
  assert.deepEqual(visible.checks.map((c) => c.name), ["visible"]);
  const all = await runChecks(exercise, { f: 1 }, options);
  assert.equal(all.message, "hidden: hidden failure");
});

Deno.test("runChecks: a check that never settles times out, the rest are not run", async () => {
  const exercise = defineChecks([
    { name: "hangs", run: () => new Promise<void>(() => {}) },
    { name: "after", run: () => {} },
  ]);
  const outcome = await runChecks(exercise, { f: 1 }, { ...options, timeLimit: 0.05 });
  assert.deepEqual(outcome.checks.map((c) => c.error), ["timeout", "timeout"]);
  assert.equal(outcome.checks[1].message, "not run: time ran out");
  assert.equal(outcome.error, "timeout");
});

Deno.test("runChecks: a missing name fails every check without running it", async () => {
  let ran = false;
  const exercise = defineChecks([{ name: "c", run: () => void (ran = true) }]);
  const outcome = await runChecks(exercise, {}, options);
  assert.equal(ran, false);
  assert.match(outcome.message, /^`f` is not defined/);
});

Deno.test("defineChecks refuses an empty list and duplicate names", () => {
  assert.throws(() => defineChecks([]), /at least one check/);
  const c = { name: "x", run: () => {} };
  assert.throws(() => defineChecks([c, c]), /two checks named "x"/);
});

Deno.test("the check table escapes messages and keeps the trace's timeline", () => {
  const out = renderCheckTableForTest(
    {
      id: "01-x",
      title: "T <b>",
      notebook: "01-x.ipynb",
      points: 1,
      kind: "write",
      concepts: [5],
      exports: ["f"],
      hints: ["h"],
      timeLimit: 5,
      permissions: [],
      cells: [],
    },
    {
      checks: [{ name: "n", hidden: false, passed: false, message: "<script>", error: null }],
      passed: false,
      message: "n: <script>",
      error: null,
    },
    { hiddenCount: 0, timelineSvg: "<svg></svg>" },
  );
  assert.ok(!out.html.includes("<script>") && out.html.includes("&#60;script&#62;"));
  assert.ok(out.html.includes("T &#60;b&#62;"));
  assert.ok(out.html.endsWith("<svg></svg></div>"));
  assert.equal(new CheckFailure("m", { trace: [1] }).trace?.length, 1);
});

Deno.test("a check message shows an error as its name and message, never its stack's file paths", async () => {
  const { show } = await import("@course/lib/notebook/expect.ts");
  class OrdersDown extends Error {
    override name = "OrdersDown";
  }
  assert.equal(
    show(new OrdersDown("the orders service is down")),
    "OrdersDown: the orders service is down",
  );
  assert.equal(show([1, "a"]), '[ 1, "a" ]');
});
