/**
 * Checks for `06-threads-help`: the learner's verdicts against the GIL
 * simulator's, without saying which way the wrong ones go.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { benefits, JOBS } from "./reference.ts";

const NAMES = Object.keys(JOBS) as (keyof typeof JOBS)[];

/** Fails unless `helps` has a boolean for every job; returns the jobs it gets wrong. */
function wrongJobs(helps: unknown, names: (keyof typeof JOBS)[]): string[] {
  const got = helps as Record<string, unknown> | null;
  const missing = NAMES.filter((n) => typeof got?.[n] !== "boolean");
  if (missing.length) {
    fail(
      `helps needs true or false for each of A, B, C and D; missing: ${missing.join(", ")}` +
        ` (got ${show(helps)})`,
    );
  }
  return names.filter((n) => got![n] !== benefits(JOBS[n]));
}

export default defineChecks<{ helps: unknown }>([
  {
    name: "the purely CPU-bound and purely I/O-waiting jobs (A and B)",
    misconception:
      "threads of one CPython process run Python code on two cores at once despite the GIL",
    run: ({ helps }) => {
      const wrong = wrongJobs(helps, ["A", "B"]);
      if (wrong.length) fail(`wrong verdict for ${wrong.join(" and ")}: where is the GIL held?`);
    },
  },
  {
    name: "the mixed jobs (C and D)",
    misconception: "threads never help under the GIL, even while one of them waits for I/O",
    run: ({ helps }) => {
      const wrong = wrongJobs(helps, ["C", "D"]);
      if (wrong.length) {
        fail(`wrong verdict for ${wrong.join(" and ")}: simulate it, one thread vs two threads`);
      }
    },
  },
]);
