/**
 * Checks for `07-predict-start`: the learner's `order` against the order the
 * program really prints, found by running it.
 *
 * @module
 */
import { defineChecks, expectPrediction, fail, show } from "@course/lib";
import { runProgram } from "./program.ts";

/** The letters the program really prints, in order. */
async function trueOrder(): Promise<string[]> {
  const seen: string[] = [];
  await runProgram((letter) => seen.push(letter));
  return seen;
}

export default defineChecks<{ order: unknown }>([
  {
    name: "order lists letters from A to F, none twice",
    run: ({ order }) => {
      if (!Array.isArray(order) || order.length === 0) {
        fail(`expected a non-empty array of letters, got ${show(order)}`);
      }
      const bad = order.find((l) => !["A", "B", "C", "D", "E", "F"].includes(l));
      if (bad !== undefined) fail(`${show(bad)} is not one of the letters A to F`);
      if (new Set(order).size !== order.length) fail(`a letter appears twice in ${show(order)}`);
    },
  },
  {
    name: "the first line printed",
    misconception:
      "calling a coroutine function runs its body; it only runs once something awaits it or makes it a task",
    run: async ({ order }) => {
      const first = (await trueOrder())[0];
      const got = (order as string[])[0];
      if (got === undefined) fail("no first line yet: put the letters in `order`");
      if (got !== first) {
        fail(
          `you have ${show(got)} first, but another line prints before it: ` +
            "which function's body starts running during the call itself?",
        );
      }
    },
  },
  {
    name: "the whole order, without the lines that never print",
    misconception:
      "calling a coroutine function runs its body; it only runs once something awaits it or makes it a task",
    run: async ({ order }) =>
      expectPrediction(order, await trueOrder(), {
        what: "order",
        why: "which bodies run during the call, and what resumes after an await?",
      }),
  },
]);
