/**
 * Checks for `05-design-workload`: the learner designs a workload on which
 * the policies disagree in stated ways; the checks run it through the CPU
 * simulator under each policy. Designing it needs the reason each policy wins
 * (short jobs first, preemption, taking turns); running the simulator on
 * guesses is allowed, but the stub's workload shows no difference at all.
 *
 * @module
 */
import { type CpuPolicy, defineChecks, fail, show, simulateCpu } from "@course/lib";

type Process = { name: string; arrival: number; burst: number };

/** Fails unless `workload` is 3 to 5 well-formed processes; returns them. */
function processes(workload: unknown): Process[] {
  if (!Array.isArray(workload) || workload.length < 3 || workload.length > 5) {
    fail(`workload must be an array of 3 to 5 processes, got ${show(workload)}`);
  }
  const names = new Set<unknown>();
  for (const p of workload as Partial<Process>[]) {
    const whole = (n: unknown, lo: number, hi: number) =>
      Number.isInteger(n) && (n as number) >= lo && (n as number) <= hi;
    if (typeof p?.name !== "string" || !whole(p.arrival, 0, 20) || !whole(p.burst, 1, 20)) {
      fail(
        `each process is { name, arrival, burst } with whole numbers, arrival 0 to 20 and ` +
          `burst 1 to 20; got ${show(p)}`,
      );
    }
    if (names.has(p.name)) fail(`two processes are named ${show(p.name)}`);
    names.add(p.name);
  }
  return workload as Process[];
}

/** The simulator's averages for the workload under one policy (round robin: quantum 2). */
function averages(workload: unknown, policy: CpuPolicy) {
  return simulateCpu({
    policy,
    quantum: policy === "rr" ? 2 : undefined,
    processes: processes(workload),
  })
    .averages;
}

const ms = (n: number) => `${Math.round(n * 100) / 100} ms`;

export default defineChecks<{ workload: unknown }>([
  {
    name: "workload is 3 to 5 processes with whole-number arrivals and bursts",
    run: ({ workload }) => void processes(workload),
  },
  {
    name: "shortest job first waits less than half as long as first come, first served",
    misconception: "the order in which jobs run does not change how long they wait on average",
    run: ({ workload }) => {
      const fcfs = averages(workload, "fcfs").waiting;
      const sjf = averages(workload, "sjf").waiting;
      if (!(sjf < fcfs / 2)) {
        fail(
          `average waiting: sjf ${ms(sjf)}, fcfs ${ms(fcfs)}; sjf must be below half of fcfs. ` +
            "When does the order SJF picks differ from the order of arrival?",
        );
      }
    },
  },
  {
    name: "preempting (srtf) waits less than not preempting (sjf)",
    misconception: "preempting a running job cannot lower the average waiting time",
    run: ({ workload }) => {
      const sjf = averages(workload, "sjf").waiting;
      const srtf = averages(workload, "srtf").waiting;
      if (!(srtf < sjf)) {
        fail(
          `average waiting: srtf ${ms(srtf)}, sjf ${ms(sjf)}; srtf must be lower. ` +
            "Preemption changes something only when a short job arrives while a long one runs",
        );
      }
    },
  },
  {
    name: "round robin (quantum 2) responds faster than fcfs and sjf",
    misconception:
      "waiting time is counted from time zero, or with the running time in it, instead of the time ready but not running",
    run: ({ workload }) => {
      const rr = averages(workload, "rr").response;
      const others = (["fcfs", "sjf"] as const).map((p) =>
        [p, averages(workload, p).response] as const
      );
      const beaten = others.filter(([, r]) => !(rr < r));
      if (beaten.length) {
        fail(
          `average response: rr ${ms(rr)}, ${
            others.map(([p, r]) => `${p} ${ms(r)}`).join(", ")
          }; ` +
            "rr must be lower than both. Response counts until a process first runs",
        );
      }
    },
  },
]);
