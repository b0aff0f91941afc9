import assert from "node:assert/strict";
import { CheckFailure, expectPrediction, type PredictionOptions, type Truth } from "@course/lib";

/** The failure message of a wrong prediction (the test fails if it passes). */
function messageOf(got: unknown, truth: Truth, options: PredictionOptions): string {
  try {
    expectPrediction(got, truth, options);
  } catch (error) {
    assert.ok(error instanceof CheckFailure, String(error));
    return error.message;
  }
  throw new Error(`${JSON.stringify(got)} passed against ${JSON.stringify(truth)}`);
}

Deno.test("a right prediction passes, whatever its shape", () => {
  expectPrediction(6.2, 6.2, { what: "t" });
  expectPrediction(0.1 + 0.2, 0.3, { what: "t", tolerance: 1e-6 });
  expectPrediction({ A: 1, B: 3 }, { A: 1, B: 3 }, { what: "turns" });
  expectPrediction(["C", "E", "A"], ["C", "E", "A"], { what: "order" });
  expectPrediction({ x: "io", y: "cpu" }, { x: "io", y: "cpu" }, {
    what: "kinds",
    choices: ["io", "cpu"],
  });
  expectPrediction(true, true, { what: "helps", choices: [true, false] });
});

Deno.test("numbers: the direction of each wrong part, never the truth", () => {
  const m = messageOf({ A: 8, B: 4 }, { A: 10, B: 4 }, {
    what: "finish",
    words: ["early", "late"],
  });
  assert.equal(m, "finish: A = 8 is too early");
  assert.ok(!m.includes("10"));
  assert.equal(
    messageOf(7, 6.2, { what: "t", why: "count round trips" }),
    "t = 7 is too high (count round trips)",
  );
  assert.match(messageOf({ A: NaN }, { A: 1 }, { what: "turns" }), /needs a number for each of A/);
});

Deno.test("orders: what never happens, how many are missing, how many are in place", () => {
  const truth = ["A", "E", "C", "D", "B"];
  const m = messageOf(["A", "B", "C", "D", "E"], truth, { what: "order" });
  assert.equal(m, "order: 3 of 5 in the right place");
  assert.equal(messageOf(["A", "A"], truth, { what: "order" }), 'order lists "A" twice');
  assert.equal(
    messageOf(["A", "X"], truth, { what: "order" }),
    'order lists "X", which never happen(s)',
  );
  assert.equal(
    messageOf([], truth, { what: "order" }),
    "order leaves out 5 item(s) that do happen",
  );
});

Deno.test("classifications: how many are wrong, grouped by the learner's label", () => {
  const truth = { a: "io", b: "cpu", c: "cpu", d: "io" };
  const options = { what: "kinds", choices: ["io", "cpu"] };
  assert.equal(
    messageOf({ a: "cpu", b: "cpu", c: "io", d: "io" }, truth, options),
    'kinds: 2 of 4 entries are wrong (1 of those you marked "io", 1 of those you marked "cpu")',
  );
  assert.equal(
    messageOf({ a: "?", b: "?", c: "?", d: "?" }, truth, options),
    'kinds.a is "?"; each entry is "io" or "cpu"',
  );
  assert.throws(() => expectPrediction({ a: "io" }, { a: "io" }, { what: "k" }), /needs choices/);
});
