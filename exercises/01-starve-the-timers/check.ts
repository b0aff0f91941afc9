/**
 * Checks for `01-starve-the-timers`: the learner's predictions against runs
 * of the program (program.ts). Each answer is true or false, so the feedback
 * counts the wrong ones and never names one.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { printedLetters, starvation } from "./program.ts";

type Bindings = { printed: unknown; starves: unknown };

export default defineChecks<Bindings>([
  {
    name: "which letters the queueMicrotask program prints",
    misconception:
      "a due timer gets a turn between microtasks, so a chain of microtasks cannot starve it",
    run: async ({ printed }) =>
      expectPrediction(printed, await printedLetters(), {
        what: "printed",
        choices: [true, false],
        why: "when does the loop look at its timers, and is the microtask queue ever empty?",
      }),
  },
  {
    name: "which ways of polling starve the timer",
    misconception:
      "a due timer gets a turn between microtasks, so a chain of microtasks cannot starve it",
    run: async ({ starves }) =>
      expectPrediction(starves, await starvation(), {
        what: "starves",
        choices: [true, false],
        why: "for each way, is the next poll a microtask or a macrotask?",
      }),
  },
]);
