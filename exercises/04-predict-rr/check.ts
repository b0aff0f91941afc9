/**
 * Checks for `04-predict-rr`: predicted completion times and average waiting
 * time against the CPU simulator. Messages say which prediction is off and in
 * which direction, without giving the number away.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { schedule } from "./workload.ts";

const NAMES = ["P1", "P2", "P3"] as const;

export default defineChecks<{ completion: unknown; averageWaiting: unknown }>([
  {
    name: "each process completes when the simulator says",
    misconception: "round robin runs each task to the end before the next one starts",
    run: ({ completion }) => {
      const truth = schedule().processes;
      expectPrediction(completion, Object.fromEntries(NAMES.map((n) => [n, truth[n].completion])), {
        what: "completion",
        words: ["early", "late"],
        why: "write down the queue at each turn",
      });
    },
  },
  {
    name: "the average waiting time matches (within 0.01 ms)",
    misconception:
      "waiting time is counted from time zero, or with the running time in it, instead of the time ready but not running",
    run: ({ averageWaiting }) =>
      expectPrediction(averageWaiting, schedule().averages.waiting, {
        what: "averageWaiting",
        tolerance: 0.01,
        why: "waiting = completion − arrival − CPU time, for each process",
      }),
  },
]);
