/**
 * The workloads of `06-predict-gil`: three CPU-bound threads on two cores,
 * grouped into processes two ways, run through the GIL simulator.
 *
 * @module
 */
import { simulateGil } from "@course/lib";

/**
 * The makespan of three 20 ms CPU-bound threads on two cores.
 *
 * @param processes The process of T1, T2 and T3 (one GIL per distinct name).
 * @returns When the last thread finishes, ms.
 */
export function makespanOf(processes: [string, string, string]): number {
  return simulateGil({
    cores: 2,
    threads: processes.map((process, i) => ({
      name: `T${i + 1}`,
      process,
      steps: [{ cpu: 20 }],
    })),
  }).makespan;
}

/** The two layouts of the exercise. */
export const LAYOUTS = {
  oneProcess: ["A", "A", "A"],
  twoProcesses: ["A", "A", "B"],
} as const satisfies Record<string, [string, string, string]>;
