/**
 * Checks for `05-fcfs-vs-sjf`: predicted average waiting times against the
 * simulator, without giving the numbers away.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { averageWaitingUnder } from "./workload.ts";

/** Fails unless `averageWaiting[policy]` is within 0.01 ms of the simulator's. */
function expectAverage(averageWaiting: unknown, policy: "fcfs" | "sjf"): void {
  const got = (averageWaiting as Record<string, unknown> | null)?.[policy];
  if (typeof got !== "number" || isNaN(got)) {
    fail(`averageWaiting.${policy} needs a number of ms, got ${show(got)}`);
  }
  const truth = averageWaitingUnder(policy);
  if (Math.abs(got - truth) > 0.01) {
    fail(
      `averageWaiting.${policy} = ${got} is too ${got < truth ? "low" : "high"}` +
        " (write down when each process starts; it waited from its arrival until then)",
    );
  }
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
