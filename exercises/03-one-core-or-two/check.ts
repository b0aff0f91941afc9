/**
 * Checks for `03-one-core-or-two`: the learner's predicted completion times
 * against the CPU scheduler simulator's. Messages say which prediction is off
 * and in which direction, without giving the number away.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { completions } from "./workload.ts";

type Times = { A: number; B: number };

/** Fails unless `finish[key]` has a number for A and for B, then compares with the simulator. */
function expectCompletions(finish: unknown, key: "oneCore" | "twoCores", cores: number): void {
  const part = (finish as Record<string, Partial<Times>> | null)?.[key];
  if (typeof part?.A !== "number" || typeof part?.B !== "number" || isNaN(part.A + part.B)) {
    fail(`finish.${key} needs a number of ms for A and for B, got ${show(part)}`);
  }
  const truth = completions(cores);
  const wrong = (["A", "B"] as const).filter((job) => part[job] !== truth[job]).map((job) =>
    `${job} at ${part[job]} is too ${part[job]! < truth[job] ? "early" : "late"}`
  );
  if (wrong.length > 0) {
    fail(`with ${cores} core(s): ${wrong.join("; ")} (draw the slices on a time line)`);
  }
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
