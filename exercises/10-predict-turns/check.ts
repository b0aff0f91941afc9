/**
 * Checks for `10-predict-turns`: the learner's turns against a run of the
 * program on the course's loop (program.ts). Messages say which callback is
 * predicted too early or too late, never its turn.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { measureTurns } from "./program.ts";

type Bindings = { turns: unknown };

/** The learner's and the measured turns of some letters. */
function expectTurns(turns: unknown, keys: string[]): void {
  const want = measureTurns();
  const got = typeof turns === "object" && turns !== null
    ? Object.fromEntries(keys.map((k) => [k, (turns as Record<string, unknown>)[k]]))
    : turns;
  expectPrediction(got, Object.fromEntries(keys.map((k) => [k, want[k]])), {
    what: "turns",
    words: ["early", "late"],
    why: "a turn runs only what was ready when it began",
  });
}

export default defineChecks<Bindings>([
  {
    name: "A, C, D and E: the callbacks scheduled with callSoon and callLater(0)",
    misconception: "a callback scheduled during a turn of the loop runs in that same turn",
    run: ({ turns }) => expectTurns(turns, ["A", "C", "D", "E"]),
  },
  {
    name: "B, F and G: the timers for t=1 and what they schedule",
    misconception:
      "timers run in the order they were scheduled, not by deadline, or the loop waits in real time for them",
    run: ({ turns }) => expectTurns(turns, ["B", "F", "G"]),
  },
]);
