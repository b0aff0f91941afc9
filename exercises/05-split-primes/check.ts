/**
 * Checks for `05-split-primes`: the learner splits a CPU-bound count over a
 * pool of two Workers. A spy pool records every job, so the checks see where
 * the counting happened (the jobs' results must add up to the answer), that
 * both Workers computed at the same moment, and how evenly the work was cut.
 *
 * @module
 */
import { countPrimes, defineChecks, expectFunction, fail, show } from "@course/lib";
import { SpyPool } from "./spy_pool.ts";

type Bindings = { countPrimesParallel: unknown };
type Parallel = (pool: SpyPool, limit: number) => Promise<unknown>;

const WORKERS = 2;
const LIMIT = 1_000_000;
const CORES = navigator.hardwareConcurrency;
/** How many Workers can compute at the same instant here: no more than the cores. */
const PARALLEL = Math.min(CORES, WORKERS);

/** Runs the learner's function on a fresh spy pool of two Workers. */
async function run(countPrimesParallel: unknown, limit: number) {
  expectFunction(countPrimesParallel, "countPrimesParallel");
  await using pool = new SpyPool(WORKERS);
  const result = await (countPrimesParallel as Parallel)(pool, limit);
  return { result, jobs: pool.jobs, peak: pool.peakOverlap(), shares: pool.shares() };
}

// One run of the visible limit, shared by the checks that look at it.
let visible: Promise<Awaited<ReturnType<typeof run>>> | undefined;
let visibleFor: unknown;
function runVisible(fn: unknown) {
  if (!visible || visibleFor !== fn) [visible, visibleFor] = [run(fn, LIMIT), fn];
  return visible;
}

function expectCount(result: unknown, limit: number): void {
  const truth = countPrimes(limit);
  if (result !== truth) {
    fail(
      `countPrimesParallel(pool, ${limit}) returned ${
        show(result)
      }, which is not the count of primes below ${limit}`,
    );
  }
}

export default defineChecks<Bindings>([
  {
    name: "countPrimesParallel does the splitting itself",
    run: ({ countPrimesParallel }) => {
      expectFunction(countPrimesParallel, "countPrimesParallel");
      const used = /countPrimes(Chunked|InWorkers|Interleaved)\b/.exec(String(countPrimesParallel));
      if (used) fail(`\`${used[0]}\` does the splitting for you; cut the range yourself`);
    },
  },
  {
    name: `the count of primes below ${LIMIT.toLocaleString("en")} is right`,
    run: async ({ countPrimesParallel }) =>
      expectCount((await runVisible(countPrimesParallel)).result, LIMIT),
  },
  {
    name: "the counting happens in the Workers",
    misconception: "marking a function async moves its computation off the main thread",
    run: async ({ countPrimesParallel }) => {
      const { result, jobs } = await runVisible(countPrimesParallel);
      if (jobs.length < WORKERS) {
        fail(
          `the pool ran ${jobs.length} job(s); with ${WORKERS} Workers, send at least ${WORKERS}`,
        );
      }
      const sum = jobs.reduce((s, j) => s + (typeof j.value === "number" ? j.value : NaN), 0);
      if (sum !== result) {
        fail(
          `the jobs' results add up to ${show(sum)}, but you returned ${show(result)}: ` +
            "let each job count its part and add up what they return",
        );
      }
    },
  },
  {
    name: "both Workers compute at the same moment",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async ({ countPrimesParallel }) => {
      const { peak } = await runVisible(countPrimesParallel);
      if (peak < WORKERS) {
        fail(
          `at most ${peak} job(s) ran at the same moment: send every job before you await any result`,
        );
      }
    },
  },
  {
    name: PARALLEL > 1
      ? `the counting is shared by ${PARALLEL} Worker threads (this machine has ${CORES} cores)`
      : "the counting runs in the Workers (this machine has one core: the Workers take turns " +
        "on it, so no speedup is expected, and none is checked)",
    misconception: "a pool speeds up a job even when one Worker gets all of it",
    run: async ({ countPrimesParallel }) => {
      // Read from the operating system's CPU time per thread, not from speed: a busy machine
      // slows every thread, but each Worker's share of the work stays what the split made it.
      const { byWorker, measure } = (await runVisible(countPrimesParallel)).shares;
      const working = [...byWorker.values()].filter((share) => share >= 0.1).length;
      if (working < PARALLEL) {
        fail(
          `${working} of the pool's ${WORKERS} Workers did a real share of the counting ` +
            `(${measure} per thread): with ${CORES} cores, ${PARALLEL} can count at once, ` +
            "so give every Worker pieces to count",
        );
      }
    },
  },
  {
    name: "no job does more than half of the work",
    run: async ({ countPrimesParallel }) => {
      const { jobs } = await runVisible(countPrimesParallel);
      const times = jobs.map((j) => j.end - j.start);
      const total = times.reduce((s, t) => s + t, 0);
      const share = Math.max(...times) / total;
      if (!(share <= 0.5)) {
        fail(
          `the longest job took ${Math.round(share * 100)}% of all the job time, so one Worker ` +
            "idles while the other finishes: larger numbers cost more to test, so equal ranges " +
            "are not equal work; cut more pieces than Workers",
        );
      }
    },
  },
  {
    name: "small and odd limits are counted right too",
    hidden: true,
    run: async ({ countPrimesParallel }) => {
      for (const limit of [2, 3, 11, 100_003]) {
        expectCount((await run(countPrimesParallel, limit)).result, limit);
      }
    },
  },
]);
