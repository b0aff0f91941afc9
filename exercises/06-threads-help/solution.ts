import { simulateGil } from "@course/lib";

type Steps = ({ cpu: number } | { io: number })[];
const jobs: Record<string, Steps> = {
  A: [{ cpu: 30 }],
  B: [{ io: 40 }, { cpu: 5 }],
  C: [{ cpu: 20 }, { io: 5 }, { cpu: 20 }],
  D: [{ cpu: 1 }, { io: 10 }, { cpu: 1 }, { io: 10 }, { cpu: 1 }, { io: 10 }, { cpu: 1 }],
};
const makespan = (threads: Steps[]) =>
  simulateGil({
    cores: 2,
    threads: threads.map((steps, i) => ({ name: `T${i}`, process: "py", steps })),
  }).makespan;
// true when two threads finish two copies of the job in at most 80% of one thread's time
const helps: Record<string, boolean> = {};
for (const [name, job] of Object.entries(jobs)) {
  helps[name] = makespan([job, job]) <= 0.8 * makespan([[...job, ...job]]);
}
console.log(helps);
