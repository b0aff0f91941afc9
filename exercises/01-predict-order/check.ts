/**
 * Checks for `01-predict-order`: the learner's `order` against the order the
 * program really prints, found by running it. The messages never name a
 * letter the learner did not write.
 *
 * @module
 */
import { defineChecks, expectPrediction, fail, show } from "@course/lib/notebook/mod.ts";
import { runProgram } from "./program.ts";

const LETTERS = ["A", "B", "C", "D", "E"];

/** The order the program really prints, found by running it. */
async function trueOrder(): Promise<string[]> {
  const seen: string[] = [];
  await runProgram((letter) => seen.push(letter));
  return seen;
}

export default defineChecks<{ order: unknown }>([
  {
    name: "order lists the letters A to E, each once",
    run: ({ order }) => {
      if (!Array.isArray(order)) fail(`expected an array of letters, got ${show(order)}`);
      const sorted = [...order].sort();
      if (sorted.length !== LETTERS.length || sorted.some((l, i) => l !== LETTERS[i])) {
        fail(`expected each of the five letters A to E once, in some order; got ${show(order)}`);
      }
    },
  },
  {
    name: "synchronous lines come first",
    misconception:
      "a callback or a continuation after await runs before the synchronous code that follows it",
    run: async ({ order }) => {
      const first = new Set((await trueOrder()).slice(0, 2));
      const got = (order as string[]).slice(0, 2);
      if (!got.every((letter) => first.has(letter))) {
        fail(
          `your first two letters ${show(got)} are not both printed by synchronous code: ` +
            "nothing queued runs before the script itself has finished",
        );
      }
    },
  },
  {
    name: "the whole order matches what the program prints",
    misconception:
      "a callback or a continuation after await runs before the synchronous code that follows it",
    run: async ({ order }) =>
      expectPrediction(order, await trueOrder(), {
        what: "order",
        why: "which queue does each callback wait in, and which queue empties first?",
      }),
  },
]);
