/**
 * `hint()` as every instruction writes it: `hint("id")`, no `await`. It shows
 * hint 1 first, formatted; asks once before the answer; remembers what it
 * showed across kernel restarts (a new process), and the grader reports
 * "answer shown".
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { hint, HtmlOutput, readHintState } from "@course/lib/notebook/mod.ts";
import { hintHtml } from "@course/lib/notebook/hint.ts";
import { GradeReportSchema } from "../../tools/grade/report_schema.ts";
import { copyCourse, keepingNotebooks } from "../tools/grade/_course_copy.ts";
import { runGrade } from "../tools/grade/_run_grade.ts";

const ID = "01-fetch-all";

async function withState(body: (statePath: string, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "course-hints-" });
  try {
    await body(join(dir, "hints.json"), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("hint(id) returns the box itself (no promise): hint 1 first, code formatted", async () => {
  await withState(async (statePath) => {
    const out = hint(ID, { statePath });
    assert.ok(out instanceof HtmlOutput, "hint() must not return a promise");
    assert.match(out.text, /^Hint 1 of 3: Fetch them all at once/);
    assert.match(out.html, /class="course-hint" style="border/);
    assert.match(out.html, /<code style="[^"]*">await<\/code>/);
    assert.ok(!out.html.includes("`"), "backticks must be rendered, not shown");
    assert.equal(readHintState(statePath).exercises[ID].shown, 1);
    await Promise.resolve();
  });
});

Deno.test("hint(): after a kernel restart (a new process) the next call shows hint 2", async () => {
  await withState(async (statePath) => {
    assert.match(hint(ID, { statePath }).text, /^Hint 1 of 3/);
    const code = `import { hint } from "@course/lib";\n` +
      `console.log(hint(${JSON.stringify(ID)}, { statePath: ${JSON.stringify(statePath)} }).text);`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--config", new URL("../../deno.json", import.meta.url).pathname, code],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    assert.match(new TextDecoder().decode(out.stdout), /^Hint 2 of 3/);
  });
});

Deno.test("hint(): the last hint is the answer: asked once, then shown, and recorded", async () => {
  await withState(async (statePath) => {
    hint(ID, { statePath });
    hint(ID, { statePath });
    const ask = hint(ID, { statePath });
    assert.match(ask.text, /^The next hint is the answer/);
    assert.equal(readHintState(statePath).exercises[ID].answerShown, false);
    const answer = hint(ID, { statePath });
    assert.match(answer.text, /^Hint 3 of 3, the answer/);
    assert.match(answer.html, /Promise\.all/);
    assert.deepEqual(readHintState(statePath).exercises[ID], {
      shown: 3,
      answerAsked: true,
      answerShown: true,
    });
    assert.equal(hint(ID, { statePath }).text, answer.text);
    await Promise.resolve();
  });
});

Deno.test("hint(): a prediction's hints are shown in turn, the last without an answer warning", async () => {
  await withState(async (statePath) => {
    const id = "10-predict-turns";
    const texts = [1, 2, 3, 4].map(() => hint(id, { statePath }).text);
    assert.match(texts[0], /^Hint 1 of 3/);
    assert.match(texts[2], /^Hint 3 of 3: .*\n[\s\S]*the rest is your reasoning/);
    assert.equal(texts[3], texts[2], "after the last hint, the last hint again");
    assert.ok(texts.every((t) => !/answer/i.test(t.split("\n")[0])), texts.join("\n---\n"));
    assert.equal(readHintState(statePath).exercises[id].answerShown, false);
    await Promise.resolve();
  });
});

Deno.test("hint(): an unknown id gives a short message, not a stack trace", () => {
  const out = hint("01-no-such-exercise", { statePath: "/nonexistent/dir/hints.json" });
  assert.match(out.text, /^hint: no exercise named "01-no-such-exercise"/);
});

Deno.test("hintHtml: code spans, fenced blocks, bold; HTML escaped", () => {
  assert.equal(
    hintHtml("use <b> and `a < b`"),
    'use &#60;b&#62; and <code style="font-family:monospace;background:#f6f8fa;padding:0 3px;' +
      'border-radius:3px">a &#60; b</code>',
  );
  assert.match(hintHtml("```ts\nconst x = 1;\n```"), /^<pre style="[^"]*">const x = 1;<\/pre>$/);
  assert.equal(hintHtml("**now**"), "<b>now</b>");
});

Deno.test("grade reports 'answer shown' for an exercise whose answer hint was used", async () => {
  const copy = await copyCourse();
  try {
    const progress = join(copy.root, "p.json");
    const statePath = join(copy.root, "hints.json");
    for (let i = 0; i < 4; i++) hint(ID, { statePath });
    await keepingNotebooks([copy.notebooksDir], async () => {
      const json = await runGrade([
        "--json",
        "--notebooks",
        copy.notebooksDir,
        "--progress",
        progress,
        ID,
      ]);
      const report = GradeReportSchema.parse(JSON.parse(json.stdout));
      assert.equal(report.exercises[0].answerShown, true);
      const text = await runGrade(["--notebooks", copy.notebooksDir, "--progress", progress, ID]);
      assert.match(text.stdout, new RegExp(`${ID} .*\\(answer shown\\)`));
      const other = await runGrade([
        "--json",
        "--notebooks",
        copy.notebooksDir,
        "--progress",
        progress,
        "01-predict-order",
      ]);
      assert.equal(
        GradeReportSchema.parse(JSON.parse(other.stdout)).exercises[0].answerShown,
        false,
      );
    });
  } finally {
    await copy.dispose();
  }
});
