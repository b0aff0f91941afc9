import assert from "node:assert/strict";
import { simulateCpu, type Slice } from "@course/lib/scheduler/mod.ts";

/** The CPU slices as `name start-end`, the way a Gantt chart reads. */
function gantt(timeline: Slice[]): string[] {
  return timeline.filter((s) => s.kind === "cpu").map((s) => `${s.name} ${s.start}-${s.end}`);
}

const p = (name: string, arrival: number, burst: number) => ({ name, arrival, burst });

Deno.test("FCFS, Silberschatz: P1=24, P2=3, P3=3 waits 17 on average", () => {
  const r = simulateCpu({
    policy: "fcfs",
    processes: [p("P1", 0, 24), p("P2", 0, 3), p("P3", 0, 3)],
  });
  assert.deepEqual(gantt(r.timeline), ["P1 0-24", "P2 24-27", "P3 27-30"]);
  assert.deepEqual(r.processes.P2, { completion: 27, turnaround: 27, waiting: 24, response: 24 });
  assert.equal(r.averages.waiting, 17);
  assert.equal(r.averages.turnaround, 27);
  assert.equal(r.contextSwitches, 2);
  assert.equal(r.utilization, 1);
});

Deno.test("FCFS in the order P2, P3, P1 waits only 3 on average (convoy effect gone)", () => {
  const r = simulateCpu({
    policy: "fcfs",
    processes: [p("P2", 0, 3), p("P3", 0, 3), p("P1", 0, 24)],
  });
  assert.equal(r.averages.waiting, 3);
});

Deno.test("SJF, Silberschatz: P1=6, P2=8, P3=7, P4=3 waits 7 on average", () => {
  const r = simulateCpu({
    policy: "sjf",
    processes: [p("P1", 0, 6), p("P2", 0, 8), p("P3", 0, 7), p("P4", 0, 3)],
  });
  assert.deepEqual(gantt(r.timeline), ["P4 0-3", "P1 3-9", "P3 9-16", "P2 16-24"]);
  assert.equal(r.averages.waiting, 7);
  assert.deepEqual(
    Object.fromEntries(Object.entries(r.processes).map(([n, s]) => [n, s.waiting])),
    { P1: 3, P2: 16, P3: 9, P4: 0 },
  );
});

const arrivals = [p("P1", 0, 8), p("P2", 1, 4), p("P3", 2, 9), p("P4", 3, 5)];

Deno.test("SRTF, Silberschatz: arrivals P1(0,8) P2(1,4) P3(2,9) P4(3,5) wait 6.5", () => {
  const r = simulateCpu({ policy: "srtf", processes: arrivals });
  assert.deepEqual(gantt(r.timeline), ["P1 0-1", "P2 1-5", "P4 5-10", "P1 10-17", "P3 17-26"]);
  assert.equal(r.timeline[0].preempted, true);
  assert.equal(r.averages.waiting, 6.5);
  assert.equal(r.processes.P3.completion, 26);
  assert.equal(r.averages.response, (0 + 0 + 15 + 2) / 4);
});

Deno.test("SJF is non-preemptive: the same arrivals wait 7.75", () => {
  const r = simulateCpu({ policy: "sjf", processes: arrivals });
  assert.deepEqual(gantt(r.timeline), ["P1 0-8", "P2 8-12", "P4 12-17", "P3 17-26"]);
  assert.equal(r.averages.waiting, 7.75);
});

Deno.test("classic arrivals P1(0,7) P2(2,4) P3(4,1) P4(5,4): SJF waits 4, SRTF waits 3", () => {
  const ps = [p("P1", 0, 7), p("P2", 2, 4), p("P3", 4, 1), p("P4", 5, 4)];
  const sjf = simulateCpu({ policy: "sjf", processes: ps });
  assert.deepEqual(gantt(sjf.timeline), ["P1 0-7", "P3 7-8", "P2 8-12", "P4 12-16"]);
  assert.equal(sjf.averages.waiting, 4);
  const srtf = simulateCpu({ policy: "srtf", processes: ps });
  assert.deepEqual(gantt(srtf.timeline), [
    "P1 0-2",
    "P2 2-4",
    "P3 4-5",
    "P2 5-7",
    "P4 7-11",
    "P1 11-16",
  ]);
  assert.equal(srtf.averages.waiting, 3);
});

Deno.test("RR q=4, Silberschatz: P1=24, P2=3, P3=3 waits 17/3", () => {
  const r = simulateCpu({
    policy: "rr",
    quantum: 4,
    processes: [p("P1", 0, 24), p("P2", 0, 3), p("P3", 0, 3)],
  });
  assert.deepEqual(gantt(r.timeline), [
    "P1 0-4",
    "P2 4-7",
    "P3 7-10",
    "P1 10-14",
    "P1 14-18",
    "P1 18-22",
    "P1 22-26",
    "P1 26-30",
  ]);
  assert.equal(r.averages.waiting, 17 / 3);
  assert.deepEqual(r.processes.P1, { completion: 30, turnaround: 30, waiting: 6, response: 0 });
  assert.equal(r.averages.response, (0 + 4 + 7) / 3);
  assert.equal(r.contextSwitches, 3);
  assert.deepEqual(r.timeline.filter((s) => s.preempted).map((s) => s.name), ["P1"]);
});

Deno.test("RR q=2 with arrivals: a newcomer queues before the process preempted at that instant", () => {
  const r = simulateCpu({
    policy: "rr",
    quantum: 2,
    processes: [p("P1", 0, 5), p("P2", 1, 3), p("P3", 2, 1), p("P4", 3, 2), p("P5", 4, 3)],
  });
  // By hand: at t=2 P3 arrives as P1 is preempted, so the queue is P2, P3, P1.
  assert.deepEqual(gantt(r.timeline), [
    "P1 0-2",
    "P2 2-4",
    "P3 4-5",
    "P1 5-7",
    "P4 7-9",
    "P5 9-11",
    "P2 11-12",
    "P1 12-13",
    "P5 13-14",
  ]);
  assert.equal(r.averages.waiting, 29 / 5);
  assert.equal(r.averages.turnaround, 43 / 5);
});

Deno.test("RR q=2 tie: P2 arriving at t=2 runs before P1 whose quantum ends at t=2", () => {
  const r = simulateCpu({ policy: "rr", quantum: 2, processes: [p("P1", 0, 3), p("P2", 2, 2)] });
  assert.deepEqual(gantt(r.timeline), ["P1 0-2", "P2 2-4", "P1 4-5"]);
});

Deno.test("ties go to the earlier arrival, then to the process listed first", () => {
  const r = simulateCpu({ policy: "sjf", processes: [p("A", 0, 5), p("B", 1, 3), p("C", 1, 3)] });
  assert.deepEqual(gantt(r.timeline), ["A 0-5", "B 5-8", "C 8-11"]);
  const f = simulateCpu({ policy: "fcfs", processes: [p("X", 2, 1), p("Y", 0, 1), p("Z", 0, 1)] });
  assert.deepEqual(gantt(f.timeline), ["Y 0-1", "Z 1-2", "X 2-3"]);
});

Deno.test("context switches take time, are counted and lower utilization", () => {
  const r = simulateCpu({
    policy: "fcfs",
    contextSwitch: 1,
    processes: [p("P1", 0, 24), p("P2", 0, 3), p("P3", 0, 3)],
  });
  assert.deepEqual(gantt(r.timeline), ["P1 0-24", "P2 25-28", "P3 29-32"]);
  assert.deepEqual(
    r.timeline.filter((s) => s.kind === "switch").map((s) => `${s.name} ${s.start}-${s.end}`),
    ["P2 24-25", "P3 28-29"],
  );
  assert.equal(r.contextSwitches, 2);
  assert.equal(r.makespan, 32);
  assert.equal(r.utilization, 30 / 32);
  assert.equal(r.averages.waiting, (0 + 25 + 29) / 3);
});

Deno.test("two cores run two processes at once", () => {
  const r = simulateCpu({
    policy: "fcfs",
    cores: 2,
    processes: [p("P1", 0, 24), p("P2", 0, 3), p("P3", 0, 3)],
  });
  assert.deepEqual(
    r.timeline.map((s) => `${s.core}:${s.name} ${s.start}-${s.end}`),
    ["0:P1 0-24", "1:P2 0-3", "1:P3 3-6"],
  );
  assert.equal(r.averages.waiting, 1);
  assert.equal(r.utilization, 30 / 48);
});

Deno.test("I/O steps run off the CPU while another process computes", () => {
  const r = simulateCpu({
    policy: "fcfs",
    processes: [
      { name: "P1", arrival: 0, steps: [{ cpu: 2 }, { io: 5 }, { cpu: 2 }] },
      { name: "P2", arrival: 0, burst: 4 },
    ],
  });
  assert.deepEqual(
    r.timeline.map((s) => `${s.kind}:${s.name} ${s.start}-${s.end}`),
    // Sorted by start; at the same start, core slices come before I/O.
    ["cpu:P1 0-2", "cpu:P2 2-6", "io:P1 2-7", "cpu:P1 7-9"],
  );
  assert.deepEqual(r.processes.P1, { completion: 9, turnaround: 9, waiting: 0, response: 0 });
  assert.deepEqual(r.processes.P2, { completion: 6, turnaround: 6, waiting: 2, response: 2 });
  assert.equal(r.utilization, 8 / 9);
});

Deno.test("a process that ends with I/O completes when its I/O does", () => {
  const r = simulateCpu({
    policy: "rr",
    quantum: 1,
    processes: [{ name: "W", arrival: 1, steps: [{ cpu: 1 }, { io: 3 }] }],
  });
  assert.deepEqual(r.processes.W, { completion: 5, turnaround: 4, waiting: 0, response: 0 });
  assert.equal(r.makespan, 4);
});

Deno.test("a quantum given to a policy without time slices is ignored", () => {
  const r = simulateCpu({ policy: "fcfs", quantum: 2, processes: [p("A", 0, 5), p("B", 0, 1)] });
  assert.deepEqual(gantt(r.timeline), ["A 0-5", "B 5-6"]);
  const s = simulateCpu({ policy: "srtf", quantum: 1, processes: arrivals });
  assert.equal(s.averages.waiting, 6.5);
});

Deno.test("the same input always gives the same result", () => {
  const input = { policy: "rr" as const, quantum: 3, contextSwitch: 0.5, processes: arrivals };
  assert.deepEqual(simulateCpu(input), simulateCpu(input));
});

Deno.test("bad input is rejected with a message that names the problem", () => {
  const bad = (input: unknown, pattern: RegExp) =>
    assert.throws(
      () => simulateCpu(input as Parameters<typeof simulateCpu>[0]),
      (e: Error) => e instanceof TypeError && pattern.test(e.message),
    );
  bad({ policy: "rr", processes: [p("A", 0, 1)] }, /simulateCpu.*\n[\s\S]*needs a quantum/);
  bad(
    { policy: "fcfs", processes: [{ name: "A", arrival: 0 }] },
    /exactly one of `burst` or `steps`/,
  );
  bad({ policy: "fcfs", processes: [p("A", 0, 1), p("A", 1, 1)] }, /two processes are named A/);
  bad({ policy: "fcfs", processes: [p("A", 0, -1)] }, /burst/);
  bad({ policy: "lottery", processes: [p("A", 0, 1)] }, /policy/);
  bad(
    { policy: "fcfs", processes: [{ name: "A", steps: [{ cpu: 1 }, { cpu: 1 }] }] },
    /alternate/,
  );
});
