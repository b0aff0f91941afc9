/**
 * Scheduling drills: completion times of a few processes on one core under
 * a policy (`fcfs`, `sjf`, `srtf`, `rr` with quantum 2), solved by `simulateCpu`.
 *
 * @module
 */
import { type CpuPolicy, simulateCpu } from "../scheduler/mod.ts";
import type { Drill } from "./drill.ts";

/** One scheduling problem. */
export interface SchedulingProblem {
  policy: CpuPolicy;
  quantum?: number;
  processes: { name: string; arrival: number; burst: number }[];
}

const NAMES: Record<CpuPolicy, string> = {
  fcfs: "first come, first served",
  sjf: "shortest job first (no preemption)",
  srtf: "shortest remaining time first (preempts)",
  rr: "round robin, quantum 2",
};

/**
 * The drill for one policy.
 *
 * @param policy The scheduling policy.
 * @returns The drill.
 */
export function schedulingDrill(policy: CpuPolicy): Drill<SchedulingProblem> {
  return {
    generate(random) {
      const count = random.int(3, 4);
      return {
        policy,
        quantum: policy === "rr" ? 2 : undefined,
        processes: Array.from({ length: count }, (_, i) => ({
          name: `P${i + 1}`,
          arrival: i === 0 ? 0 : random.int(0, 6),
          burst: random.int(1, 7),
        })),
      };
    },
    describe: (p) =>
      [
        `One core, ${NAMES[p.policy]}, no switching cost. Ties go to the earlier arrival, then the`,
        "lower number; in round robin a newcomer queues before a process whose quantum just ended.",
        ...p.processes.map((q) =>
          `  ${q.name}: arrives at ${q.arrival} ms, needs ${q.burst} ms of CPU`
        ),
        "When does each process complete (ms)?",
      ].join("\n"),
    template: (p) => `{ ${p.processes.map((q) => `${q.name}: NaN`).join(", ")} }`,
    compare: { what: "completion", words: ["early", "late"] },
    solve(p) {
      const result = simulateCpu({ policy: p.policy, quantum: p.quantum, processes: p.processes });
      const steps = result.timeline.filter((s) => s.kind === "cpu").map((s) =>
        `${s.start}-${s.end} ms: ${s.name} runs${
          s.end === result.processes[s.name].completion ? " and completes" : ""
        }`
      );
      const answer = Object.fromEntries(
        p.processes.map((q) => [q.name, result.processes[q.name].completion]),
      );
      return { steps, answer, trace: result, unit: "ms" };
    },
  };
}
