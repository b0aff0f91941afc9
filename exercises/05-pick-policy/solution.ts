import { simulateCpu } from "@course/lib";

const three = [{ name: "P1", burst: 7 }, { name: "P2", burst: 6 }, { name: "P3", burst: 5 }];
for (const policy of ["fcfs", "sjf", "rr"] as const) {
  console.log(policy, simulateCpu({ policy, quantum: 2, processes: three }).averages);
}
// Which policy wins on each measure: "fcfs", "sjf" or "rr"?
const best = { waiting: "sjf", response: "rr" };
