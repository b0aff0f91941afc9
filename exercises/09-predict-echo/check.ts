/**
 * Checks for `09-predict-echo`: the learner's predictions against a run of
 * the program on the simulated network (program.ts). Messages say which
 * prediction is off and in which direction, never the measured time.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { lastEcho } from "./program.ts";

type Bindings = { concurrentDone: unknown; oneAtATimeDone: unknown };

export default defineChecks<Bindings>([
  {
    name: "concurrentDone: the concurrent server",
    misconception: "a server on one thread can only answer its clients one after another",
    run: async ({ concurrentDone }) =>
      expectPrediction(concurrentDone, await lastEcho("concurrent"), {
        what: "concurrentDone",
        words: ["early", "late"],
        tolerance: 1e-6,
        why: "count the round trips of one client; does anybody wait for anybody?",
      }),
  },
  {
    name: "oneAtATimeDone: the one-at-a-time server",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async ({ oneAtATimeDone }) =>
      expectPrediction(oneAtATimeDone, await lastEcho("one-at-a-time"), {
        what: "oneAtATimeDone",
        words: ["early", "late"],
        tolerance: 1e-6,
        why: "when can the server take the next client, and what is already waiting for it?",
      }),
  },
]);
