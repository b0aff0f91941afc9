/**
 * The workload of `03-one-core-or-two`, shared by the checks and the notebook's
 * text: two CPU-bound jobs under round robin with a 2 ms quantum.
 *
 * @module
 */
import { type CpuInput, simulateCpu } from "@course/lib";

/** The two jobs: A needs 6 ms of CPU, B needs 4 ms, both ready at 0. */
export const JOBS: CpuInput["processes"] = [
  { name: "A", arrival: 0, burst: 6 },
  { name: "B", arrival: 0, burst: 4 },
];

/**
 * Completion times of A and B, found by running the simulator.
 *
 * @param cores How many cores the jobs share.
 * @returns When each job completes, ms.
 */
export function completions(cores: number): { A: number; B: number } {
  const { processes } = simulateCpu({ policy: "rr", quantum: 2, cores, processes: JOBS });
  return { A: processes.A.completion, B: processes.B.completion };
}
