/**
 * No check gives the answer away. For every `predict` and `classify`
 * exercise (the manifest's `kind`), the shipped stub and a set of
 * wrong answers made from the reference (each part pushed off, lists cut
 * short, labels swapped) go through every check, hidden ones included; each
 * wrong answer must fail, and no message may contain a value of the
 * reference solution the learner did not write: numbers as tokens, strings as
 * `show()` prints them (quoted). Strings the stub cell itself shows (the
 * choices, such as "io" and "cpu") are public. A classification answered with
 * a wrong but valid label may not have its entry named: with two choices,
 * "request is wrong" is the answer.
 *
 * @module
 */
import assert from "node:assert/strict";
import { defineChecks, expectEqual, fail, runChecks, show } from "@course/lib";
import { bindingsOf, type ExerciseSources, loadExerciseSources } from "./_exercise_sources.ts";

type Path = (string | number)[];
type Leaf = { path: Path; value: number | string | boolean };

const all = await loadExerciseSources();

/** The primitive values of a binding, with where they are. */
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

const predictions = all.filter((s) => ["predict", "classify", "quiz"].includes(s.manifest.kind));

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}

function withLeaf(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = Array.isArray(value)
    ? [...value]
    : { ...(value as object) } as Record<string, unknown>;
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head] = withLeaf(
    (value as Record<string | number, unknown>)[head],
    rest,
    leaf,
  );
  return copy;
}

/** Wrong answers: each leaf pushed off; every list cut short or emptied. */
function wrongAnswers(reference: Record<string, unknown>): Record<string, unknown>[] {
  const answers: Record<string, unknown>[] = [];
  const labels = [...new Set(leaves(reference).map((l) => l.value))];
  for (const leaf of leaves(reference)) {
    const { value } = leaf;
    const offs = typeof value === "number"
      ? [value + Math.max(25, Math.abs(value)), value - Math.max(25, Math.abs(value))]
      : typeof value === "boolean"
      ? [!value]
      : labels.filter((l) => l !== value && typeof l === "string").slice(0, 1);
    for (const off of offs) {
      answers.push(withLeaf(reference, leaf.path, off) as Record<string, unknown>);
    }
  }
  for (const [name, value] of Object.entries(reference)) {
    if (Array.isArray(value) && value.length > 0) {
      answers.push({ ...reference, [name]: [] }, { ...reference, [name]: value.slice(1) });
      answers.push({ ...reference, [name]: value.slice(0, -1) });
    }
  }
  return answers;
}

/** The token a message would contain if it printed `value`. */
function pattern(value: number | string | boolean): RegExp {
  const text = typeof value === "string" ? show(value) : String(value);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(typeof value === "string" ? escaped : `(?<![\\w.])${escaped}(?![\\w]|\\.\\d)`);
}

/** Reference values at the parts the answer gets wrong that a message prints. */
async function leaksOf(
  sources: ExerciseSources,
  reference: Record<string, unknown>,
  answer: Record<string, unknown>,
): Promise<{ failed: boolean; leaks: string[] }> {
  const outcome = await runChecks(sources.checks, answer, {
    required: sources.manifest.exports,
    includeHidden: true,
    timeLimit: sources.manifest.timeLimit,
  });
  const echoed = new Set(leaves(answer).map((l) => show(l.value)));
  const publicText = sources.stub.source;
  const wrong = leaves(reference).filter((l) => show(at(answer, l.path)) !== show(l.value));
  const secrets = wrong.filter((l) =>
    typeof l.value !== "boolean" && !echoed.has(show(l.value)) &&
    !(typeof l.value === "string" && publicText.includes(show(l.value)))
  );
  // A label answered with another valid label: naming its key tells the answer when there are
  // two choices ("wrong verdict for C" means "the other one").
  const labels = new Set(
    leaves(reference).filter((l) => typeof l.value !== "number").map((l) => show(l.value)),
  );
  const named = wrong.filter((l) =>
    typeof l.value !== "number" && typeof l.path.at(-1) === "string" &&
    labels.has(show(at(answer, l.path)))
  );
  const leaks = outcome.checks.flatMap((c) => [
    ...secrets.filter((s) => pattern(s.value).test(c.message)).map((s) =>
      `${c.name}: "${c.message}" shows ${s.path.join(".")} = ${show(s.value)}`
    ),
    ...named.filter((s) => new RegExp(`\\b${s.path.at(-1)}\\b`).test(c.message)).map((s) =>
      `${c.name}: "${c.message}" names the wrong entry ${s.path.join(".")}`
    ),
  ]);
  return { failed: !outcome.passed, leaks };
}

for (const sources of predictions) {
  const reference = await bindingsOf(sources, sources.solution);
  Deno.test(`${sources.manifest.id}: no check message shows the answer`, async (t) => {
    const answers = [
      {
        label: "the shipped stub",
        answer: await bindingsOf(sources, sources.stub.source, { solved: false }),
      },
      ...wrongAnswers(reference).map((answer) => ({ label: show(answer), answer })),
    ];
    for (const { label, answer } of answers) {
      await t.step(label.slice(0, 80), async () => {
        const { failed, leaks } = await leaksOf(sources, reference, answer);
        assert.ok(failed, `${sources.manifest.id}: the wrong answer ${label} passes`);
        assert.deepEqual(leaks, []);
      });
    }
  });
}

Deno.test("prediction checks do not use the helpers that print the expected value", async () => {
  const offenders: string[] = [];
  for (const sources of predictions) {
    const dir = new URL(`../../exercises/${sources.manifest.id}/`, import.meta.url);
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.name.endsWith(".ts") || entry.name === "solution.ts") continue;
      const text = await Deno.readTextFile(new URL(entry.name, dir));
      const used = text.match(/\bexpect(Equal|Order|Close)\b/g);
      if (used) offenders.push(`${sources.manifest.id}/${entry.name}: ${[...new Set(used)]}`);
    }
  }
  assert.deepEqual(offenders, [], "use expectPrediction, which never prints the truth");
});

Deno.test("the detector itself: a check that prints the truth, or names a wrong label, is caught", async () => {
  const fake = (run: (b: Record<string, unknown>) => void, stub: string) =>
    ({
      manifest: { exports: ["x"], timeLimit: 5 },
      stub: { cellId: "s", source: stub },
      checks: defineChecks([{ name: "x", run }]),
    }) as unknown as ExerciseSources;
  const printsTruth = fake(({ x }) => expectEqual(x, 0.8, "x"), "const x = 0;");
  assert.equal((await leaksOf(printsTruth, { x: 0.8 }, { x: 0 })).leaks.length, 1);
  const namesEntry = fake(({ x }) => {
    const wrong = Object.entries(x as object).filter(([k, v]) => v !== { a: "io", b: "cpu" }[k]);
    if (wrong.length) fail(`wrong label for ${wrong.map(([k]) => k).join(", ")}`);
  }, 'const x = { a: "?", b: "?" }; // "io" or "cpu"');
  const named = await leaksOf(namesEntry, { x: { a: "io", b: "cpu" } }, {
    x: { a: "cpu", b: "cpu" },
  });
  assert.deepEqual(named.leaks, ['x: "wrong label for a" names the wrong entry x.a']);
});
