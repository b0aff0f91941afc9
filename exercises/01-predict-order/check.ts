/**
 * Checks for `01-predict-order`: the learner's `order` against the order the
 * program really prints.
 *
 * @module
 */
import { defineChecks, expectOrder, fail, show } from "@course/lib/notebook/mod.ts";
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
        fail(`expected the five letters ${show(LETTERS)} in some order, got ${show(order)}`);
      }
    },
  },
  {
    name: "synchronous lines come first",
    misconception:
      "a callback or a continuation after await runs before the synchronous code that follows it",
    run: async ({ order }) =>
      expectOrder(
        Array.isArray(order) ? order.slice(0, 2) : order,
        (await trueOrder()).slice(0, 2),
        "the first two lines",
      ),
  },
  {
    name: "the whole order matches what the program prints",
    misconception:
      "a callback or a continuation after await runs before the synchronous code that follows it",
    run: async ({ order }) => expectOrder(order, await trueOrder(), "order"),
  },
]);
