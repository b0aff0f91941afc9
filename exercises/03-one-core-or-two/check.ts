/**
 * Checks for `03-one-core-or-two`: the learner's predicted completion times
 * against the CPU scheduler simulator's. Messages say which prediction is off
 * and in which direction, without giving the number away.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { completions } from "./workload.ts";

/** Compares `finish[key]` with the simulator on `cores` cores. */
function expectCompletions(finish: unknown, key: "oneCore" | "twoCores", cores: number): void {
  const part = (finish as Record<string, unknown> | null)?.[key];
  expectPrediction(part, completions(cores), {
    what: `finish.${key}`,
    words: ["early", "late"],
    why: "draw the slices on a time line",
  });
}

export default defineChecks<{ finish: unknown }>([
  {
    name: "on one core, A and B complete when the simulator says",
    misconception:
      "concurrency (taking turns) is the same as parallelism (running at the same instant on two cores)",
    run: ({ finish }) => expectCompletions(finish, "oneCore", 1),
  },
  {
    name: "on two cores, A and B complete when the simulator says",
    misconception: "a second core makes every task finish sooner, whatever the tasks do",
    run: ({ finish }) => expectCompletions(finish, "twoCores", 2),
  },
]);
