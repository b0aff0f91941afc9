/**
 * The workloads of `06-threads-help` and the reference verdict: do two Python
 * threads finish two copies of a job clearly sooner than one thread doing both?
 *
 * @module
 */
import { simulateGil } from "@course/lib";

/** A job's steps: CPU time (holding the GIL) and I/O time (GIL released), ms. */
export type Steps = ({ cpu: number } | { io: number })[];

/** The four jobs the learner classifies, as the notebook describes them. */
export const JOBS: Record<"A" | "B" | "C" | "D", Steps> = {
  A: [{ cpu: 30 }],
  B: [{ io: 40 }, { cpu: 5 }],
  C: [{ cpu: 20 }, { io: 5 }, { cpu: 20 }],
  D: [{ cpu: 1 }, { io: 10 }, { cpu: 1 }, { io: 10 }, { cpu: 1 }, { io: 10 }, { cpu: 1 }],
};

/** Two threads "benefit" when they need at most this share of one thread's time. */
export const THRESHOLD = 0.8;

/**
 * Times two copies of a job: one thread doing both in turn, and two threads in one process.
 *
 * @param steps The job.
 * @returns Both makespans (ms) on a two-core machine with one GIL.
 */
export function timeJob(steps: Steps): { oneThread: number; twoThreads: number } {
  const run = (threads: { name: string; steps: Steps }[]) =>
    simulateGil({
      cores: 2,
      threads: threads.map((t) => ({ ...t, process: "python" })),
    }).makespan;
  return {
    oneThread: run([{ name: "T", steps: [...steps, ...steps] }]),
    twoThreads: run([{ name: "T1", steps }, { name: "T2", steps }]),
  };
}

/**
 * Whether two threads clearly help this job.
 *
 * @param steps The job.
 * @returns True when two threads take at most `THRESHOLD` of one thread's time.
 */
export function benefits(steps: Steps): boolean {
  const { oneThread, twoThreads } = timeJob(steps);
  return twoThreads <= THRESHOLD * oneThread;
}
