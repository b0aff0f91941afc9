/**
 * The check card, read as a learner reads it: the verdict first, in colour;
 * one line per check with the message under its name (no columns to wrap);
 * text the size of the prose; a failure in red, a pass in green.
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import type { ChecksOutcome, ExerciseManifest } from "@course/lib";
import { renderCheckTableForTest as renderCheckTable } from "./_imports.ts";

const MANIFEST: ExerciseManifest = {
  id: "01-x",
  title: "Fetch them all",
  notebook: "01-x.ipynb",
  points: 3,
  kind: "write",
  concepts: [5],
  exports: ["fetchAll"],
  hints: ["h"],
  timeLimit: 5,
  permissions: [],
  cells: [],
};

const FAILING: ChecksOutcome = {
  checks: [
    { name: "fetchAll is a function", hidden: false, passed: true, message: "", error: null },
    {
      name: "fetchAll returns the six bodies in the order of the URLs, a long name that wraps",
      hidden: false,
      passed: false,
      message: 'expected `fetchAll(urls)` to be [ "/item/0", "/item/1" ], got []',
      error: null,
    },
    { name: "it ends", hidden: false, passed: false, message: "boom", error: "throw" },
  ],
  passed: false,
  message: "fetchAll returns ...: expected",
  error: null,
};

const PASSING: ChecksOutcome = {
  checks: FAILING.checks.map((c) => ({ ...c, passed: true, message: "", error: null })),
  passed: true,
  message: "",
  error: null,
};

function card(outcome: ChecksOutcome, hiddenCount = 0) {
  const out = renderCheckTable(MANIFEST, outcome, { hiddenCount });
  const doc = new DOMParser().parseFromString(`<html><body>${out.html}</body></html>`, "text/html");
  return { out, root: doc.querySelector(".course-check")! };
}

function px(style: string, property: string): number {
  const match = style.match(new RegExp(`(?:^|;)${property}:(\\d+)px`));
  return match ? Number(match[1]) : NaN;
}

Deno.test("check card: the verdict comes first, red with the score when a check fails", () => {
  const { root } = card(FAILING, 2);
  assert.equal(root.getAttribute("data-passed"), "false");
  assert.ok(px(root.getAttribute("style")!, "font-size") >= 14, "prose-sized text, not 12 px");
  const verdict = root.firstElementChild!;
  assert.equal(verdict.getAttribute("class"), "course-check-verdict");
  assert.match(verdict.textContent!, /^✘ 1 of 3 checks pass \(2 more run in deno task grade\)/);
  assert.match(verdict.getAttribute("style")!, /border-left:4px solid #cf222e/);
  assert.match(verdict.querySelector("span")!.getAttribute("style")!, /color:#cf222e/);
});

Deno.test("check card: a pass is green and gives the points", () => {
  const { root, out } = card(PASSING);
  assert.equal(root.getAttribute("data-passed"), "true");
  const verdict = root.querySelector(".course-check-verdict")!;
  assert.match(verdict.textContent!, /^✔ all 3 checks pass · 3 points/);
  assert.match(verdict.getAttribute("style")!, /border-left:4px solid #1a7f37/);
  assert.equal(root.querySelectorAll(".course-check-message").length, 0, "a pass needs no message");
  assert.match(String(out), /^Fetch them all \(01-x\): all 3 checks pass/);
});

Deno.test("check card: each check is one row, its message under its name, in the prose font", () => {
  const { root } = card(FAILING);
  const rows = [...root.querySelectorAll(".course-check-row")];
  assert.deepEqual(rows.map((r) => r.getAttribute("data-passed")), ["true", "false", "false"]);
  // No table: a name never wraps into a narrow column beside a monospace message.
  assert.equal(root.querySelectorAll("table, td").length, 0);
  assert.ok(!root.outerHTML.includes("white-space:nowrap"));
  const message = rows[1].querySelector(".course-check-message")!;
  assert.ok(!/monospace/.test(message.getAttribute("style") ?? ""), "the message is prose");
  // Code in backticks is code; the rest is text.
  assert.equal(message.querySelector("code")?.textContent, "fetchAll(urls)");
  assert.match(message.textContent!, /got \[\]$/);
  // A crash says so in words, not with the error kind's bare name.
  assert.match(rows[2].textContent!, /it ends threw an error/);
});

Deno.test("check card: names the hint call on a failure, the grade command on a pass", () => {
  assert.match(
    card(FAILING).root.lastElementChild!.textContent!,
    /^Run hint\("01-x"\) for a hint\.$/,
  );
  assert.match(
    card(PASSING).root.lastElementChild!.textContent!,
    /deno task grade 01-x records the points/,
  );
});

Deno.test("check card: missing names are said once, in red, without a list of checks not run", () => {
  const notRun: ChecksOutcome = {
    checks: FAILING.checks.map((c) => ({ ...c, passed: false, message: "not run" })),
    passed: false,
    message: "`fetchAll` is not defined: the exercise cell must define it (got undefined)",
    error: null,
  };
  const { root, out } = card(notRun);
  const problem = root.querySelector(".course-check-problem")!;
  assert.match(problem.getAttribute("style")!, /color:#cf222e/);
  assert.equal(problem.querySelector("code")?.textContent, "fetchAll");
  assert.equal(root.querySelectorAll(".course-check-row").length, 0);
  assert.equal(String(out).split("\n").filter((l) => l.includes("not defined")).length, 1);
});

Deno.test("check card: code in a check's name shows as code, not as backticks", () => {
  const outcome: ChecksOutcome = {
    checks: [{
      name: "q1: what does `await` do?",
      hidden: false,
      passed: true,
      message: "",
      error: null,
    }],
    passed: true,
    message: "",
    error: null,
  };
  const { root } = card(outcome);
  const row = root.querySelector(".course-check-row")!;
  assert.equal(row.querySelector("code")?.textContent, "await");
  assert.ok(!row.textContent!.includes("`"));
});
