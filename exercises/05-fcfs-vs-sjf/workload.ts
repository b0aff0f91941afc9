/**
 * The workload of `05-fcfs-vs-sjf`, run through the CPU simulator.
 *
 * @module
 */
import { type CpuPolicy, simulateCpu } from "@course/lib";

/**
 * The average waiting time of the exercise's workload under a policy.
 *
 * @param policy `"fcfs"` or `"sjf"`.
 * @returns The simulator's average waiting time, ms.
 */
export function averageWaitingUnder(policy: CpuPolicy): number {
  return simulateCpu({
    policy,
    processes: [
      { name: "P1", arrival: 0, burst: 6 },
      { name: "P2", arrival: 2, burst: 8 },
      { name: "P3", arrival: 3, burst: 2 },
      { name: "P4", arrival: 4, burst: 3 },
    ],
  }).averages.waiting;
}
