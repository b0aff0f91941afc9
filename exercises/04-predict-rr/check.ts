/**
 * Checks for `04-predict-rr`: predicted completion times and average waiting
 * time against the CPU simulator. Messages say which prediction is off and in
 * which direction, without giving the number away.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { schedule } from "./workload.ts";

const NAMES = ["P1", "P2", "P3"] as const;

export default defineChecks<{ completion: unknown; averageWaiting: unknown }>([
  {
    name: "each process completes when the simulator says",
    misconception: "round robin runs each task to the end before the next one starts",
    run: ({ completion }) => {
      const got = completion as Record<string, unknown> | null;
      if (!got || NAMES.some((n) => typeof got[n] !== "number" || isNaN(got[n] as number))) {
        fail(`completion needs a number of ms for P1, P2 and P3, got ${show(completion)}`);
      }
      const truth = schedule().processes;
      const wrong = NAMES.filter((n) => got[n] !== truth[n].completion).map((n) =>
        `${n} at ${got[n]} is too ${(got[n] as number) < truth[n].completion ? "early" : "late"}`
      );
      if (wrong.length) fail(`${wrong.join("; ")} (write down the queue at each turn)`);
    },
  },
  {
    name: "the average waiting time matches (within 0.01 ms)",
    misconception:
      "waiting time is counted from time zero, or with the running time in it, instead of the time ready but not running",
    run: ({ averageWaiting }) => {
      if (typeof averageWaiting !== "number" || isNaN(averageWaiting)) {
        fail(`averageWaiting needs a number of ms, got ${show(averageWaiting)}`);
      }
      const truth = schedule().averages.waiting;
      if (Math.abs(averageWaiting - truth) > 0.01) {
        fail(
          `averageWaiting ${averageWaiting} is too ${averageWaiting < truth ? "low" : "high"}` +
            " (waiting = completion − arrival − CPU time, for each process)",
        );
      }
    },
  },
]);
