/**
 * The workload of `04-predict-rr`: three processes, round robin, quantum 2.
 *
 * @module
 */
import { type CpuResult, simulateCpu } from "@course/lib";

/**
 * The schedule, found by running the CPU simulator.
 *
 * @returns The simulator's result for the exercise's workload.
 */
export function schedule(): CpuResult {
  return simulateCpu({
    policy: "rr",
    quantum: 2,
    processes: [
      { name: "P1", arrival: 0, burst: 5 },
      { name: "P2", arrival: 1, burst: 3 },
      { name: "P3", arrival: 2, burst: 1 },
    ],
  });
}
