/**
 * Checks for `04-round-robin`: the learner's scheduler against the reference,
 * on its output and on the order in which it resumes the tasks.
 *
 * @module
 */
import { defineChecks, expectFunction, expectOrder } from "@course/lib";
import { referenceRoundRobin, runWorkload, WORKLOADS } from "./reference.ts";

type Scheduler = (tasks: Generator<string, void, undefined>[]) => unknown;

/** Compares outputs on the named workloads, naming the workload in the message. */
function expectOutputs(roundRobin: unknown, names: string[]): void {
  expectFunction(roundRobin, "roundRobin");
  for (const name of names) {
    const got: unknown = runWorkload(roundRobin as Scheduler, WORKLOADS[name]).out;
    const want = runWorkload(referenceRoundRobin, WORKLOADS[name]).out as string[];
    expectOrder(got, want, `roundRobin's result for "${name}"`);
  }
}

export default defineChecks<{ roundRobin: unknown }>([
  {
    name: "tasks take turns: a1, b1, c1, a2, ...",
    misconception: "round robin runs each task to the end before the next one starts",
    run: ({ roundRobin }) => expectOutputs(roundRobin, ["three tasks of 2 steps"]),
  },
  {
    name: "finished tasks leave the queue; the others go on",
    run: ({ roundRobin }) =>
      expectOutputs(roundRobin, [
        "tasks of different lengths",
        "one task",
        "a task that yields nothing",
        "no tasks",
      ]),
  },
  {
    name: "each task is resumed only on its turn, and never after it ended",
    misconception: "round robin runs each task to the end before the next one starts",
    run: ({ roundRobin }) => {
      expectFunction(roundRobin, "roundRobin");
      for (const [name, workload] of Object.entries(WORKLOADS)) {
        expectOrder(
          runWorkload(roundRobin as Scheduler, workload).log,
          runWorkload(referenceRoundRobin, workload).log,
          `the order of resumptions for "${name}"`,
        );
      }
    },
  },
]);
