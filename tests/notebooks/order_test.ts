/**
 * Nothing is used before it is explained: generator coroutines (`function*`,
 * `yield*`) and tasks (`createTask`) are taught in chapter 7, so an earlier
 * chapter may use them only in a cell listed here, and only after a prose cell
 * of its notebook that points to chapter 7 ("chapter 7 explains ...").
 */
import assert from "node:assert/strict";
import { courseNotebooks, joinText } from "./_notebooks.ts";

/** The chapter that teaches generators, `yield*` and tasks. */
const TEACHING_CHAPTER = 7;
const TOKENS = ["function*", "yield*", "createTask"];

/** Previews allowed before chapter 7: `notebook#cell id`, each with the reason. */
const PREVIEWS: Record<string, string> = {
  "01-async-io.ipynb#teaching-loop-run":
    "first sight of the teaching loop; its prose points to chapter 7",
  "01-async-io.ipynb#concurrent-waits-exercise": "the same pattern as teaching-loop-run",
  "04-multitasking.ipynb#fix-the-hog-exercise":
    "cooperative tasks are generators; chapter 7 explains them",
  "04-multitasking.ipynb#round-robin-try": "tries the round-robin exercise on generator tasks",
};

const chapterOf = (name: string) => Number(name.slice(0, 2));
const pointsToTeaching = (text: string) =>
  new RegExp(`chapter ${TEACHING_CHAPTER}\\b`, "i").test(text);

Deno.test("no chapter uses function*, yield* or createTask before chapter 7 teaches them", async () => {
  const problems: string[] = [];
  for (const { name, notebook } of await courseNotebooks()) {
    if (chapterOf(name) >= TEACHING_CHAPTER) continue;
    let previewed = false; // a prose cell so far says "chapter 7 ..."
    for (const cell of notebook.cells) {
      const source = joinText(cell.source);
      if (cell.cell_type === "markdown") {
        previewed ||= pointsToTeaching(source);
        continue;
      }
      if (cell.cell_type !== "code") continue;
      const used = TOKENS.filter((token) => source.includes(token));
      if (used.length === 0) continue;
      const key = `${name}#${cell.id}`;
      if (!(key in PREVIEWS)) {
        problems.push(`${key} uses ${used.join(", ")}: explain it first or add an allowed preview`);
      } else if (!previewed) {
        problems.push(`${key} is an allowed preview, but no prose before it says "chapter 7 ..."`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join("\n"));
});

Deno.test("every allowed preview still exists and still needs to be allowed", async () => {
  const notebooks = await courseNotebooks();
  for (const key of Object.keys(PREVIEWS)) {
    const [name, id] = key.split("#");
    const cell = notebooks.find((n) => n.name === name)?.notebook.cells.find((c) => c.id === id);
    assert.ok(cell, `${key} is in PREVIEWS but no longer in the notebooks: remove it`);
    const source = joinText(cell.source);
    assert.ok(TOKENS.some((t) => source.includes(t)), `${key} no longer uses ${TOKENS}: remove it`);
  }
});

Deno.test("the coroutine chapter comes before the socket chapter", async () => {
  const names = (await courseNotebooks()).map((n) => n.name);
  const coroutines = names.findIndex((n) => n.includes("coroutines"));
  const sockets = names.findIndex((n) => n.includes("sockets"));
  assert.ok(coroutines >= 0 && sockets >= 0, `notebooks: ${names.join(", ")}`);
  assert.ok(coroutines < sockets, "coroutines must precede sockets");
  assert.equal(chapterOf(names[coroutines]), TEACHING_CHAPTER);
});
