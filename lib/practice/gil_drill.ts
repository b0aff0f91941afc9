/**
 * GIL drills: when the last of a few threads finishes, on two cores, with
 * the threads in one or two processes (one GIL each), solved by `simulateGil`.
 *
 * @module
 */
import { simulateGil } from "../scheduler/mod.ts";
import type { Drill } from "./drill.ts";

type Step = { cpu: number } | { io: number };

/** One GIL problem. */
export interface GilProblem {
  threads: { name: string; process: string; steps: Step[] }[];
}

const show = (steps: Step[]) =>
  steps.map((s) => ("cpu" in s ? `cpu ${s.cpu}` : `io ${s.io}`)).join(", ");

/** The GIL drill: predict the makespan. */
export const gilDrill: Drill<GilProblem> = {
  generate(random) {
    const count = random.int(2, 3);
    const twoProcesses = random.int(0, 1) === 1;
    return {
      threads: Array.from({ length: count }, (_, i) => {
        const steps: Step[] = [{ cpu: random.int(1, 4) * 5 }];
        for (let k = random.int(0, 2); k > 0; k--) {
          steps.push({ io: random.int(1, 4) * 5 }, { cpu: random.int(1, 3) * 5 });
        }
        return { name: `T${i + 1}`, process: twoProcesses && i === count - 1 ? "B" : "A", steps };
      }),
    };
  },
  describe: (p) =>
    [
      "Two cores. A thread computes (cpu, holding its process's GIL) or waits (io, GIL released), in ms.",
      ...p.threads.map((t) => `  ${t.name} in process ${t.process}: ${show(t.steps)}`),
      "When does the last thread finish (ms)?",
    ].join("\n"),
  template: () => "NaN",
  compare: { what: "makespan", words: ["low", "high"] },
  solve(p) {
    const result = simulateGil({ cores: 2, threads: p.threads });
    const steps = p.threads.map((t) =>
      `${t.name} (process ${t.process}) finishes at ${result.threads[t.name].completion} ms, ` +
      `after waiting ${result.threads[t.name].waited} ms for its GIL or a core`
    );
    return { steps, answer: result.makespan, trace: result, unit: "ms" };
  },
};
