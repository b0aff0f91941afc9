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
    run: ({ makespan }) =>
      expectMakespan(makespan, "oneProcess", "how many threads of one process compute at once?"),
  },
  {
    name: "T1 and T2 in process A, T3 in process B",
    run: ({ makespan }) =>
      expectMakespan(makespan, "twoProcesses", "each process has its own GIL; draw both cores"),
  },
]);
