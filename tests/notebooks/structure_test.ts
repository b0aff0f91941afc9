/**
 * The structure rules (structure.ts) hold for every chapter, and each rule
 * fails on a notebook broken on purpose.
 */
import assert from "node:assert/strict";
import { type Notebook, parseNotebook } from "../../tools/nb/notebook_schema.ts";
import { courseNotebooks } from "./_notebooks.ts";
import {
  assumedCoreProblems,
  chapterShapeProblems,
  consoleTableProblems,
  linuxGuardProblems,
  MAX_WORDS,
  proseCellProblems,
} from "./structure.ts";

/** A notebook from `[kind, source]` pairs, through the same parser as the course's. */
function notebookOf(cells: ["markdown" | "code", string][]): Notebook {
  return parseNotebook(
    JSON.stringify({
      cells: cells.map(([cell_type, source], i) => ({
        cell_type,
        id: `c${i}`,
        metadata: {},
        source,
        ...(cell_type === "code" ? { outputs: [], execution_count: null } : {}),
      })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    }),
    "broken.ipynb",
  );
}

const INTRO = "# 3. Title\n\n**Time:** about 50 minutes. You will be able to do things.";
const SUMMARY = "## Summary\n\n- **a** one\n- **b** two\n- **c** three\n\nNext, chapter 4 goes on.";
const filler = (n: number): ["markdown", string][] =>
  Array.from({ length: n }, (_, i) => ["markdown", `Text ${i}.`]);

Deno.test("every chapter keeps the structure rules", async () => {
  const notebooks = await courseNotebooks();
  const problems = notebooks.flatMap(({ name, notebook }, i) => [
    ...chapterShapeProblems(name, notebook, i === notebooks.length - 1),
    ...proseCellProblems(name, notebook),
    ...linuxGuardProblems(name, notebook),
    ...assumedCoreProblems(name, notebook),
    ...consoleTableProblems(name, notebook),
  ]);
  assert.deepEqual(problems, [], problems.join("\n"));
});

Deno.test("structure: a well-formed chapter passes; each broken part is named", () => {
  const good = notebookOf([["markdown", INTRO], ...filler(4), ["markdown", SUMMARY]]);
  assert.deepEqual(chapterShapeProblems("03-x.ipynb", good), []);
  const cases: [string, Notebook, RegExp][] = [
    [
      "no title",
      notebookOf([["markdown", INTRO.replace("# 3. ", "# ")], ...filler(4), ["markdown", SUMMARY]]),
      /3\. /,
    ],
    [
      "no time",
      notebookOf([["markdown", "# 3. T\n\nYou will be able to."], ...filler(4), [
        "markdown",
        SUMMARY,
      ]]),
      /Time/,
    ],
    [
      "no goals",
      notebookOf([["markdown", "# 3. T\n\n**Time:** about 5 minutes."], ...filler(4), [
        "markdown",
        SUMMARY,
      ]]),
      /goals/,
    ],
    ["no summary", notebookOf([["markdown", INTRO], ...filler(5)]), /Summary/],
    [
      "summary too early",
      notebookOf([["markdown", INTRO], ["markdown", SUMMARY], ...filler(5)]),
      /Summary/,
    ],
    [
      "thin recap",
      notebookOf([["markdown", INTRO], ...filler(4), [
        "markdown",
        "## Summary\n\n- one\n- two\n\nNext, chapter 4.",
      ]]),
      /2 points/,
    ],
    [
      "recap leads nowhere",
      notebookOf([["markdown", INTRO], ...filler(4), ["markdown", SUMMARY.replace(/Next.*/, "")]]),
      /lead on/,
    ],
  ];
  for (const [what, notebook, expected] of cases) {
    const problems = chapterShapeProblems("03-x.ipynb", notebook);
    assert.equal(problems.length, 1, `${what}: ${problems.join("; ")}`);
    assert.match(problems[0], expected, what);
  }
});

Deno.test("structure: headings one per cell at the top, prose cells short", () => {
  const long = Array.from({ length: MAX_WORDS + 1 }, () => "word").join(" ");
  const notebook = notebookOf([
    ["markdown", "## One\n\nText.\n\n## Two"],
    ["markdown", "Text first.\n\n## Late"],
    ["markdown", `## Long\n\n${long}`],
    ["markdown", "## Fine\n\n```ts\n// # not a heading\n```\n| # | not a heading |"],
  ]);
  const problems = proseCellProblems("x.ipynb", notebook);
  assert.deepEqual(problems.map((p) => p.split(":")[0]), [
    "x.ipynb#c0",
    "x.ipynb#c1",
    "x.ipynb#c2",
  ]);
  assert.match(problems[0], /2 headings/);
  assert.match(problems[1], /not at the top/);
  assert.match(problems[2], new RegExp(`${MAX_WORDS + 3} words`));
});

Deno.test("structure: Linux-only cells check the platform and say what they skip", () => {
  const notebook = notebookOf([
    ["code", "const n = [...Deno.readDirSync('/proc/self/task')].length;"],
    ["code", "const m = await measureContextSwitches(() => {});"],
    ["code", "if (hasProc()) { await measureThreadCpu(() => {}); }"],
    ["code", "if (!hasProc()) console.log(linuxOnlyMessage('x')); else readThreadCpu();"],
    ["code", "if (Deno.build.os !== 'linux') console.log('skipped: taskset'); else taskset();"],
    ["markdown", "Linux's /proc/self/status counts switches."],
  ]);
  const problems = linuxGuardProblems("x.ipynb", notebook);
  assert.deepEqual(problems, [
    "x.ipynb#c0 needs Linux but does not check for it",
    "x.ipynb#c1 needs Linux but does not check for it",
    "x.ipynb#c2 skips elsewhere without saying so",
  ]);
});

Deno.test("structure: prose that takes the learner's core count for granted is named", () => {
  const notebook = notebookOf([
    ["markdown", "Your machine has two cores, so the Workers halve the time."],
    ["markdown", "Both jobs finish together on your two cores."],
    [
      "markdown",
      "A simulated machine with two cores; this machine has `navigator.hardwareConcurrency`.",
    ],
    ["code", "console.log(`${navigator.hardwareConcurrency} cores`);"],
  ]);
  const problems = assumedCoreProblems("x.ipynb", notebook);
  assert.deepEqual(problems.map((p) => p.split(":")[0]), ["x.ipynb#c0", "x.ipynb#c1"]);
});

Deno.test("structure: console.table is named; table() and prose about it are not", () => {
  const notebook = notebookOf([
    ["code", "console.table(rows);"],
    ["code", "table(rows, { digits: 2 });"],
    ["markdown", "Unlike `console.table(rows)`, `table()` rounds."],
  ]);
  assert.deepEqual(consoleTableProblems("x.ipynb", notebook), [
    "x.ipynb#c0: console.table; use table() from @course/lib",
  ]);
});
