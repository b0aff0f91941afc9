/**
 * Checks for `05-pick-policy`: the learner's choices against the policies the
 * simulator says win on each measure.
 *
 * @module
 */
import { defineChecks, fail, show, simulateCpu } from "@course/lib";

const POLICIES = ["fcfs", "sjf", "rr"] as const;
const THREE = [{ name: "P1", burst: 7 }, { name: "P2", burst: 6 }, { name: "P3", burst: 5 }];

/** The policy with the lowest average of `measure` (the simulator decides). */
function winner(measure: "waiting" | "response"): string {
  const score = (policy: (typeof POLICIES)[number]) =>
    simulateCpu({ policy, quantum: 2, processes: THREE }).averages[measure];
  return [...POLICIES].sort((a, b) => score(a) - score(b))[0];
}

/** Fails unless `best[measure]` names the winning policy. */
function expectWinner(best: unknown, measure: "waiting" | "response"): void {
  const got = (best as Record<string, unknown> | null)?.[measure];
  if (!POLICIES.includes(got as never)) {
    fail(`best.${measure} should be one of "fcfs", "sjf" or "rr", got ${show(got)}`);
  }
  if (got !== winner(measure)) {
    fail(`best.${measure} = "${got}" is not the lowest average ${measure} time: compare all three`);
  }
}

export default defineChecks<{ best: unknown }>([
  {
    name: "the policy with the lowest average waiting time",
    misconception: "the order in which jobs run does not change how long they wait on average",
    run: ({ best }) => expectWinner(best, "waiting"),
  },
  {
    name: "the policy with the lowest average response time",
    misconception:
      "waiting time is counted from time zero, or with the running time in it, instead of the time ready but not running",
    run: ({ best }) => expectWinner(best, "response"),
  },
]);
