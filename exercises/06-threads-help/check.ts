/**
 * Checks for `06-threads-help`: the learner's verdicts against the GIL
 * simulator's. With two possible verdicts, naming a wrong job would give its
 * answer away, so the feedback counts the wrong verdicts per group.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { benefits, JOBS } from "./reference.ts";

type Name = keyof typeof JOBS;

/** Compares the learner's verdicts for some jobs with the simulator's. */
function expectVerdicts(helps: unknown, names: Name[], why: string): void {
  const got = typeof helps === "object" && helps !== null
    ? Object.fromEntries(names.map((n) => [n, (helps as Record<string, unknown>)[n]]))
    : helps;
  expectPrediction(got, Object.fromEntries(names.map((n) => [n, benefits(JOBS[n])])), {
    what: "helps",
    choices: [true, false],
    why,
  });
}

export default defineChecks<{ helps: unknown }>([
  {
    name: "the purely CPU-bound and purely I/O-waiting jobs (A and B)",
    misconception:
      "threads of one CPython process run Python code on two cores at once despite the GIL",
    run: ({ helps }) => expectVerdicts(helps, ["A", "B"], "where is the GIL held?"),
  },
  {
    name: "the mixed jobs (C and D)",
    misconception: "threads never help under the GIL, even while one of them waits for I/O",
    run: ({ helps }) =>
      expectVerdicts(helps, ["C", "D"], "draw one thread and two threads on a time line"),
  },
]);
