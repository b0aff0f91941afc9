import assert from "node:assert/strict";
import { differences, fingerprint, probeProblems, problemsIn } from "./expectations.ts";
import type { CellOutput, ShownCell } from "./notebook_page.ts";

function cell(
  index: number,
  source: string,
  outputs: CellOutput[],
  extra: Partial<ShownCell> = {},
): ShownCell {
  return {
    index,
    type: "code",
    source,
    executionCount: index + 1,
    outputs,
    svgs: [],
    checkTable: null,
    errorBoxes: 0,
    ...extra,
  };
}

const out = (text: string): CellOutput => ({ type: "stream", name: "stdout", mimes: [], text });
const result = (text: string): CellOutput => ({
  type: "execute_result",
  mimes: ["text/plain"],
  text,
});
const chart: CellOutput = {
  type: "display_data",
  mimes: ["image/svg+xml", "text/plain"],
  text: "chart",
};

Deno.test("problemsIn: a clean notebook has none", () => {
  assert.deepEqual(
    problemsIn([
      cell(0, 'console.log("hi")', [out("hi\n")]),
      cell(1, "plot()", [chart], { svgs: [{ width: 600, height: 200, visible: true }] }),
      cell(2, 'await check("x", {})', [result("table")], { checkTable: "all 2 checks pass" }),
    ]),
    [],
  );
});

Deno.test("problemsIn: errors, hidden or missing charts, silent prints, missing tables, unrun cells", () => {
  const problems = problemsIn([
    cell(0, "boom()", [{ type: "error", mimes: [], text: "Error: boom" }], { errorBoxes: 1 }),
    cell(1, "plot()", [chart], { svgs: [{ width: 0, height: 0, visible: true }] }),
    cell(2, "plot()", [chart]),
    cell(3, 'console.log("hi")', []),
    cell(4, 'await check("x", {})', [result("table")]),
    cell(5, "1 + 1", [], { executionCount: null }),
  ]);
  assert.equal(problems.length, 6, problems.join("\n"));
  assert.match(problems[0], /cell 0 .*error output Error: boom/);
  assert.match(problems[1], /cell 1 .*chart not visible \(0x0/);
  assert.match(problems[2], /cell 2 .*1 chart output\(s\) but 0 SVG/);
  assert.match(problems[3], /cell 3 .*prints at top level but shows no output/);
  assert.match(problems[4], /cell 4 .*no check table/);
  assert.match(problems[5], /cell 5 .*did not run/);
});

Deno.test("problemsIn: a cell whose outputs differ from the runner's, same source only", () => {
  const reference = [
    {
      cell_type: "code",
      source: ["1 +", " 1"],
      outputs: [{ output_type: "execute_result", data: { "text/plain": "2" } }],
    },
    { cell_type: "code", source: "changed()", outputs: [] },
  ];
  const problems = problemsIn([cell(0, "1 + 1", []), cell(1, "other()", [result("x")])], reference);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /cell 0 .*the notebook runner got \["execute_result text\/plain"\]/);
});

Deno.test("fingerprint: streams once per name, results and displays counted", () => {
  assert.deepEqual(fingerprint([out("a"), out("b"), result("1"), chart, chart]), [
    "display_data image/svg+xml,text/plain",
    "display_data image/svg+xml,text/plain",
    "execute_result text/plain",
    "stream stdout",
  ]);
});

Deno.test("differences and probeProblems see an output in the next cell", () => {
  const right = [
    cell(0, "a", [out("out-0\n"), result('"value-0"')]),
    cell(1, "b", [out("out-1\n"), result('"value-1"')]),
  ];
  const wrong = [
    cell(0, "a", [out("out-0\n")]),
    cell(1, "b", [out("out-1\n"), result('"value-0"'), result('"value-1"')]),
  ];
  assert.deepEqual(differences(right, right), []);
  assert.equal(differences(right, wrong).length, 2);
  assert.deepEqual(probeProblems(right), []);
  assert.deepEqual(probeProblems(wrong), [
    'cell 0 shows ["out-0"]',
    'cell 1 shows ["out-1","value-0","value-1"]',
  ]);
});
