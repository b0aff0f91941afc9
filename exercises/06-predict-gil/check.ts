/**
 * Checks for `06-predict-gil`: predicted makespans against the GIL simulator,
 * without giving the numbers away.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { LAYOUTS, makespanOf } from "./workload.ts";

/** Fails unless `makespan[layout]` matches the simulator. */
function expectMakespan(makespan: unknown, layout: keyof typeof LAYOUTS, why: string): void {
  const got = (makespan as Record<string, unknown> | null)?.[layout];
  if (typeof got !== "number" || isNaN(got)) {
    fail(`makespan.${layout} needs a number of ms, got ${show(got)}`);
  }
  const truth = makespanOf([...LAYOUTS[layout]]);
  if (got !== truth) {
    fail(`makespan.${layout} = ${got} is too ${got < truth ? "low" : "high"}: ${why}`);
  }
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
