/**
 * Checks for `05-fcfs-vs-sjf`: predicted average waiting times against the
 * simulator, without giving the numbers away.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { averageWaitingUnder } from "./workload.ts";

/** Compares `averageWaiting[policy]` with the simulator's, within 0.01 ms. */
function expectAverage(averageWaiting: unknown, policy: "fcfs" | "sjf"): void {
  expectPrediction(
    (averageWaiting as Record<string, unknown> | null)?.[policy],
    averageWaitingUnder(policy),
    {
      what: `averageWaiting.${policy}`,
      tolerance: 0.01,
      why: "write down when each process starts; it waited from its arrival until then",
    },
  );
}

export default defineChecks<{ averageWaiting: unknown }>([
  {
    name: "first come, first served",
    misconception:
      "waiting time is counted from time zero, or with the running time in it, instead of the time ready but not running",
    run: ({ averageWaiting }) => expectAverage(averageWaiting, "fcfs"),
  },
  {
    name: "shortest job first",
    misconception: "the order in which jobs run does not change how long they wait on average",
    run: ({ averageWaiting }) => expectAverage(averageWaiting, "sjf"),
  },
]);
