/**
 * Checks for `07-gather-failure`: predictions about a failing job among
 * three, against runs of the programs (program.ts). Times get a direction,
 * yes/no answers a count; nothing prints the answer.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { promiseRun, teachingRun } from "./program.ts";

type Bindings = { settledAt: unknown; cStillFinishes: unknown };

export default defineChecks<Bindings>([
  {
    name: "gather: when the caller hears back, failing fast or returning exceptions",
    misconception:
      "when one of several gathered jobs fails, the others are stopped, or the failure waits for them all",
    run: async ({ settledAt }) => {
      const got = settledAt as Record<string, unknown> | null;
      expectPrediction(
        got && { gather: got.gather, gatherReturnExceptions: got.gatherReturnExceptions },
        {
          gather: (await teachingRun(false)).settledAt,
          gatherReturnExceptions: (await teachingRun(true)).settledAt,
        },
        { what: "settledAt", words: ["early", "late"], why: "which job decides the moment?" },
      );
    },
  },
  {
    name: "Promise.all and Promise.allSettled: when the combined promise settles",
    misconception:
      "when one of several gathered jobs fails, the others are stopped, or the failure waits for them all",
    run: async ({ settledAt }) => {
      const got = settledAt as Record<string, unknown> | null;
      expectPrediction(
        got && { promiseAll: got.promiseAll, promiseAllSettled: got.promiseAllSettled },
        {
          promiseAll: (await promiseRun("all")).settledAt,
          promiseAllSettled: (await promiseRun("allSettled")).settledAt,
        },
        { what: "settledAt", words: ["early", "late"], tolerance: 50 },
      );
    },
  },
  {
    name: "whether job c still finishes after the failure",
    misconception:
      "when one of several gathered jobs fails, the others are stopped, or the failure waits for them all",
    run: async ({ cStillFinishes }) =>
      expectPrediction(
        cStillFinishes,
        {
          gather: (await teachingRun(false)).cFinished,
          promiseAll: (await promiseRun("all")).cFinished,
        },
        {
          what: "cStillFinishes",
          choices: [true, false],
          why: "does reporting a failure stop anything that is already running?",
        },
      ),
  },
]);
