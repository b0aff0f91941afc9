/**
 * Checks for `06-predict-gil`: predicted makespans against the GIL simulator,
 * without giving the numbers away.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { LAYOUTS, makespanOf } from "./workload.ts";

/** Compares `makespan[layout]` with the simulator. */
function expectMakespan(makespan: unknown, layout: keyof typeof LAYOUTS, why: string): void {
  expectPrediction(
    (makespan as Record<string, unknown> | null)?.[layout],
    makespanOf([...LAYOUTS[layout]]),
    { what: `makespan.${layout}`, why },
  );
}

export default defineChecks<{ makespan: unknown }>([
  {
    name: "three threads in one process",
    misconception:
      "threads of one CPython process run Python code on two cores at once despite the GIL",
    run: ({ makespan }) =>
      expectMakespan(makespan, "oneProcess", "how many threads of one process compute at once?"),
  },
  {
    name: "T1 and T2 in process A, T3 in process B",
    misconception: "the GIL is taken to be shared by all processes rather than one per interpreter",
    run: ({ makespan }) =>
      expectMakespan(makespan, "twoProcesses", "each process has its own GIL; draw both cores"),
  },
]);
