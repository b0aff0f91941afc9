/**
 * Checks for `03-concurrent-or-parallel`: the learner's classifiers against
 * the reference on simulator schedules and edge cases.
 *
 * @module
 */
import { defineChecks, expectFunction, fail, type Slice } from "@course/lib";
import { referenceIsConcurrent, referenceIsParallel, SCHEDULES } from "./reference.ts";

type Bindings = { isConcurrent: unknown; isParallel: unknown };

/** Runs `fn` on every schedule (a fresh copy each time) and names the first wrong answer. */
function expectClassifies(
  fn: unknown,
  name: string,
  reference: (slices: Slice[]) => boolean,
  only: string[],
): void {
  expectFunction(fn, name);
  for (const title of only) {
    const slices = SCHEDULES[title];
    const got = (fn as (s: Slice[]) => unknown)(structuredClone(slices));
    const want = reference(slices);
    if (got !== want) {
      fail(`${name} on "${title}" returned ${String(got)}, expected ${want}`);
    }
  }
}

const SIMULATED = Object.keys(SCHEDULES).slice(0, 4);
const EDGES = Object.keys(SCHEDULES).slice(4);

export default defineChecks<Bindings>([
  {
    name: "isConcurrent classifies the simulator's schedules",
    misconception:
      "concurrency (taking turns) is the same as parallelism (running at the same instant on two cores)",
    run: ({ isConcurrent }) =>
      expectClassifies(isConcurrent, "isConcurrent", referenceIsConcurrent, SIMULATED),
  },
  {
    name: "isParallel classifies the simulator's schedules",
    misconception:
      "concurrency (taking turns) is the same as parallelism (running at the same instant on two cores)",
    run: ({ isParallel }) =>
      expectClassifies(isParallel, "isParallel", referenceIsParallel, SIMULATED),
  },
  {
    name: "both handle touching slices, one task on two cores, and I/O",
    misconception:
      "concurrency (taking turns) is the same as parallelism (running at the same instant on two cores)",
    run: ({ isConcurrent, isParallel }) => {
      expectClassifies(isConcurrent, "isConcurrent", referenceIsConcurrent, EDGES);
      expectClassifies(isParallel, "isParallel", referenceIsParallel, EDGES);
    },
  },
]);
