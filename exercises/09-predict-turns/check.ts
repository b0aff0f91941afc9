/**
 * Checks for `09-predict-turns`: the learner's turns against a run of the
 * program on the course's loop (program.ts).
 *
 * @module
 */
import { defineChecks, expectEqual, fail, show } from "@course/lib";
import { measureTurns } from "./program.ts";

type Bindings = { turns: unknown };

function letters(turns: unknown, which: string[]): Record<string, unknown> {
  if (typeof turns !== "object" || turns === null) {
    fail(`expected turns to be an object such as { A: 1, B: 3, ... }, got ${show(turns)}`);
  }
  return Object.fromEntries(which.map((k) => [k, (turns as Record<string, unknown>)[k]]));
}

export default defineChecks<Bindings>([
  {
    name: "A, C, D and E: the callbacks scheduled with callSoon and callLater(0)",
    misconception: "a callback scheduled during a turn of the loop runs in that same turn",
    run: ({ turns }) => {
      const want = measureTurns();
      const keys = ["A", "C", "D", "E"];
      expectEqual(letters(turns, keys), letters(want, keys), "the turns of A, C, D and E");
    },
  },
  {
    name: "B, F and G: the timers for t=1 and what they schedule",
    misconception:
      "timers run in the order they were scheduled, not by deadline, or the loop waits in real time for them",
    run: ({ turns }) => {
      const want = measureTurns();
      const keys = ["B", "F", "G"];
      expectEqual(letters(turns, keys), letters(want, keys), "the turns of B, F and G");
    },
  },
]);
