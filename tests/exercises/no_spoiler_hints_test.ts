/**
 * No hint gives the answer away either. For every `predict` and `classify`
 * exercise, each hint (the last one included) is compared with the reference
 * solution's values:
 *
 * - a number of the answer may not appear in a hint unless the exercise's own
 *   text (the markdown just above the exercise cell, and the stub) shows it;
 * - an answer that is a sequence (an order of letters) may not appear in a
 *   hint in that order, nor may its first or last element be named as such;
 * - a labelled entry (`request: "io"`) may not be named in a sentence that
 *   also says its label.
 *
 * The values come from running the reference, never typed here.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { NOTEBOOKS_DIR } from "../../tools/grade/paths.ts";
import { bindingsOf, type ExerciseSources, loadExerciseSources } from "./_exercise_sources.ts";

type Path = (string | number)[];
type Leaf = { path: Path; value: number | string | boolean };

function leaves(value: unknown, path: Path = []): Leaf[] {
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return [{ path, value }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [];
}

/** The sequences of an answer: arrays of primitives, three or more long. */
function sequences(value: unknown): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.length >= 3 && value.every((v) => typeof v !== "object")
      ? [value as (string | number)[]]
      : value.flatMap(sequences);
  }
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(sequences);
  return [];
}

/** A number as a token: 0.8 in "at 0.8 s", not in "10.85" or "x0.8". */
function numberToken(n: number): RegExp {
  const text = String(Math.round(n * 1e6) / 1e6).replace(/[.]/g, "\\.");
  return new RegExp(`(?<![\\w.])${text}(?![\\w]|\\.\\d)`);
}

/** The words of a text, in order (letters, digits, dots inside numbers). */
function words(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*/g) ?? [];
}

function isSubsequence(haystack: string[], needle: string[]): boolean {
  let i = 0;
  for (const word of haystack) if (i < needle.length && word === needle[i]) i++;
  return i === needle.length;
}

/** What the learner reads before answering: the markdown above the exercise cell, and the stub. */
async function publicText(sources: ExerciseSources): Promise<string> {
  const path = join(NOTEBOOKS_DIR, sources.manifest.notebook);
  const cells: { id?: string; cell_type: string; source: string | string[] }[] =
    JSON.parse(await Deno.readTextFile(path)).cells;
  const at = cells.findIndex((c) => c.id === sources.stub.cellId);
  let from = at;
  while (from > 0 && cells[from - 1].cell_type === "markdown") from--;
  return cells.slice(from, at).map((c) => [c.source].flat().join("")).join("\n") + "\n" +
    sources.stub.source;
}

/**
 * Where a hint gives a value of the answer.
 *
 * @param hint The hint's markdown.
 * @param reference The reference solution's bindings.
 * @param shown The exercise's public text.
 * @returns One line per leak.
 */
function hintLeaks(hint: string, reference: Record<string, unknown>, shown: string): string[] {
  const leaks: string[] = [];
  for (const { path, value } of leaves(reference)) {
    if (typeof value === "number" && !numberToken(value).test(shown)) {
      if (numberToken(value).test(hint)) leaks.push(`shows ${path.join(".")} = ${value}`);
    }
    const key = path.at(-1);
    if (typeof value === "string" && typeof key === "string" && value.length > 1) {
      for (const sentence of hint.split(/(?<=[.;:!?])\s+/)) {
        const named = new RegExp(`\\b${key}\\b`, "i").test(sentence);
        if (named && new RegExp(`\\b${value}\\b`).test(sentence)) {
          leaks.push(`pairs ${path.join(".")} with its label ${value}`);
        }
      }
    }
  }
  const hintWords = words(hint);
  for (const sequence of sequences(reference)) {
    const wanted = sequence.map(String);
    if (isSubsequence(hintWords, wanted)) leaks.push(`lists the answer ${wanted.join(", ")}`);
    const [first, last] = [wanted[0], wanted.at(-1)!];
    if (new RegExp(`(ends|finishes) with ${last}\\b|\\b${last} (comes )?last\\b`).test(hint)) {
      leaks.push(`names the last element ${last}`);
    }
    if (new RegExp(`(starts|begins) with ${first}\\b|\\b${first} (comes )?first\\b`).test(hint)) {
      leaks.push(`names the first element ${first}`);
    }
  }
  return leaks;
}

const all = await loadExerciseSources();
const predictions = all.filter((s) => ["predict", "classify"].includes(s.manifest.kind));

for (const sources of predictions) {
  Deno.test(`${sources.manifest.id}: no hint gives a value of the answer`, async () => {
    const reference = await bindingsOf(sources, sources.solution);
    const shown = await publicText(sources);
    const leaks = sources.manifest.hints.flatMap((hint, i) =>
      hintLeaks(hint, reference, shown).map((leak) => `hint ${i + 1} ${leak}`)
    );
    assert.deepEqual(leaks, [], `${sources.manifest.id}: point at the reasoning, not the answer`);
  });
}

Deno.test("the detector itself: numbers, orders and labels in a hint are caught", () => {
  const shown = "the waits take 200 ms; A, B, C are printed";
  assert.deepEqual(hintLeaks("it ends at 350 ms", { wall: 350 }, shown), ["shows wall = 350"]);
  assert.deepEqual(hintLeaks("each wait is 200 ms", { wall: 200 }, shown), []);
  assert.deepEqual(hintLeaks("C (first), then A, then B.", { order: ["C", "A", "B"] }, shown), [
    "lists the answer C, A, B",
  ]);
  assert.deepEqual(hintLeaks("The answer ends with B.", { order: ["C", "A", "B"] }, shown), [
    "names the last element B",
  ]);
  assert.deepEqual(
    hintLeaks('The request is "io".', { kinds: { request: "io", join: "cpu" } }, shown),
    ["pairs kinds.request with its label io"],
  );
});
