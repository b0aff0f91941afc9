/**
 * The in-notebook `check()` and `hint()`: every solution passes its visible
 * checks in-process (the same checks the grader runs), stubs get precise
 * feedback, and hints come in order.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, hint } from "@course/lib";
import { listExercises } from "../../tools/grade/exercise_list.ts";
import { BINDINGS_EXPORT, buildLearnerModule } from "../../tools/grade/learner_module.ts";
import { bindingsOf as cellBindings, loadExerciseSources } from "../exercises/_exercise_sources.ts";

/** Imports cell source as a module, as a kernel would run it, and returns its bindings. */
async function bindingsOf(source: string, exports: string[]): Promise<Record<string, unknown>> {
  const dir = await Deno.makeTempDir({ prefix: "course-check-test-" });
  try {
    const path = join(dir, "cell.ts");
    const module = buildLearnerModule([{ cellId: "cell", source }], exports);
    await Deno.writeTextFile(path, module.source);
    return (await import(String(pathToFileURL(path))))[BINDINGS_EXPORT];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const exercises = await listExercises();
const sources = await loadExerciseSources();

Deno.test("check(): every reference solution passes its visible checks", async (t) => {
  for (const s of sources) {
    await t.step(s.manifest.id, async () => {
      // After the cells it needs, with earlier exercises solved, as in a notebook run top to bottom.
      const out = await check(s.manifest.id, await cellBindings(s, s.solution));
      assert.match(out.text, /: all \d+ checks pass/, out.text);
      assert.match(out.html, /all \d+ checks pass/);
    });
  }
});

Deno.test("check(): every shipped stub fails with a hint line", async (t) => {
  for (const s of sources) {
    const m = s.manifest;
    await t.step(m.id, async () => {
      const out = await check(m.id, await cellBindings(s, s.stub.source, { solved: false }));
      assert.match(out.text, /\d+ of \d+ checks pass/);
      assert.ok(out.text.includes(`Run hint("${m.id}") for a hint.`), out.text);
      assert.ok(out.html.includes(`hint(&#34;${m.id}&#34;)`), "the HTML names the hint call");
    });
  }
});

Deno.test("check(): a serial waitAll is told its virtual time and sees its timeline", async () => {
  const source = `import { type Coroutine, sleep } from "@course/lib";
function* waitAll(): Coroutine<unknown[]> {
  const r: unknown[] = [];
  for (let i = 0; i < 10; i++) r.push(yield* sleep(1, i));
  return r;
}`;
  const out = await check("01-concurrent-waits", await bindingsOf(source, ["waitAll"]));
  assert.match(out.text, /finished at virtual second 10\.0, expected 4\.0/);
  assert.match(out.text, /2 of 3 checks pass/);
  assert.match(out.html, /1 more run in <code[^>]*>deno task grade<\/code>/);
  assert.match(out.html, /Your program's timeline:<\/div><svg/);
});

Deno.test("check(): a missing binding is named, an unknown exercise is refused", async () => {
  const out = await check("01-predict-order", {});
  assert.match(out.text, /`order` is not defined/);
  await assert.rejects(check("01-no-such-thing", {}), /no exercise named "01-no-such-thing"/);
  await assert.rejects(check("../etc", {}), /is not an exercise id/);
});

Deno.test("hint(): synchronous, hints in order, the answer after one warning", async () => {
  const [m] = exercises;
  const dir = await Deno.makeTempDir();
  try {
    const statePath = join(dir, "hints.json");
    const texts: string[] = [];
    for (let i = 0; i <= m.hints.length + 1; i++) texts.push(hint(m.id, { statePath }).text);
    m.hints.slice(0, -1).forEach((h, i) => {
      assert.ok(texts[i].startsWith(`Hint ${i + 1} of ${m.hints.length}`), texts[i]);
      assert.ok(texts[i].includes(h.replace(/`/g, "")) || texts[i].includes(h));
    });
    assert.match(texts[m.hints.length - 1], /^The next hint is the answer/);
    assert.match(
      texts[m.hints.length],
      new RegExp(`^Hint ${m.hints.length} of ${m.hints.length}, the answer`),
    );
    assert.equal(texts.at(-1), texts.at(-2));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
