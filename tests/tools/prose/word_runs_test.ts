import assert from "node:assert/strict";
import { fnv1a, rstProse, wordRuns, words } from "../../../tools/prose/word_runs.ts";

Deno.test("words folds case and drops markup and punctuation", () => {
  assert.deepEqual(words("A *socket* is low-level, isn't it?"), [
    "a",
    "socket",
    "is",
    "low",
    "level",
    "isn't",
    "it",
  ]);
});

Deno.test("wordRuns finds a copied run whatever its markup or line breaks", () => {
  const source = wordRuns("The loop runs one callback at a time.", 6).map((r) => r.hash);
  const copy = wordRuns("_the loop_ runs **one\ncallback** at a TIME", 6).map((r) => r.hash);
  assert.ok(copy.some((h) => source.includes(h)));
  const own = wordRuns("Callbacks take turns on a single thread of control.", 6).map((r) => r.hash);
  assert.ok(!own.some((h) => source.includes(h)));
});

Deno.test("fnv1a is the 32-bit FNV-1a hash", () => {
  assert.equal(fnv1a(""), "811c9dc5");
  assert.equal(fnv1a("a"), "e40c292c");
});

Deno.test("rstProse drops code blocks and inline literals but keeps sentences", () => {
  const rst =
    "Intro line.\n\n.. code-block:: bibtex\n\n   @Book{x,\n     title = {T}}\n\nAfter ``code()`` here.\n";
  const prose = rstProse(rst);
  assert.ok(prose.includes("Intro line."));
  assert.ok(prose.includes("After"));
  assert.ok(!prose.includes("@Book"));
  assert.ok(!prose.includes("code()"));
});
