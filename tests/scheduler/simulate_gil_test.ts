import assert from "node:assert/strict";
import { type GilSlice, simulateGil } from "@course/lib/scheduler/mod.ts";

const show = (timeline: GilSlice[], kind?: GilSlice["kind"]) =>
  timeline.filter((s) => !kind || s.kind === kind)
    .map((s) => `${s.thread} ${s.kind} ${s.start}-${s.end}`);

Deno.test("two CPU-bound threads in one process take as long as one after the other", () => {
  const r = simulateGil({
    cores: 2,
    threads: [
      { name: "T1", process: "py", steps: [{ cpu: 50 }] },
      { name: "T2", process: "py", steps: [{ cpu: 50 }] },
    ],
  });
  assert.equal(r.makespan, 100);
  const cpu = r.timeline.filter((s) => s.kind === "cpu");
  // The GIL changes hands every 5 ms: 20 slices of 5 ms, alternating, never overlapping.
  assert.equal(cpu.length, 20);
  assert.ok(cpu.every((s) => s.end - s.start === 5));
  assert.deepEqual(cpu.slice(0, 3).map((s) => `${s.thread} ${s.start}`), ["T1 0", "T2 5", "T1 10"]);
  assert.equal(cpu.filter((s) => s.preempted).length, 18);
  assert.deepEqual(show(r.timeline, "wait-gil").slice(0, 2), [
    "T2 wait-gil 0-5",
    "T1 wait-gil 5-10",
  ]);
  assert.deepEqual(r.threads, {
    T1: { completion: 95, waited: 45 },
    T2: { completion: 100, waited: 50 },
  });
});

Deno.test("two I/O-bound threads overlap their I/O: 53 ms, not 104", () => {
  const steps = [{ cpu: 1 }, { io: 50 }, { cpu: 1 }];
  const r = simulateGil({
    cores: 2,
    threads: [{ name: "A", process: "py", steps }, { name: "B", process: "py", steps }],
  });
  assert.deepEqual(show(r.timeline), [
    "A cpu 0-1",
    "B wait-gil 0-1",
    "A io 1-51",
    "B cpu 1-2",
    "B io 2-52",
    "A cpu 51-52",
    "B cpu 52-53",
  ]);
  assert.equal(r.makespan, 53);
});

Deno.test("two processes, one GIL each, run in parallel on two cores", () => {
  const r = simulateGil({
    cores: 2,
    threads: [
      { name: "main-1", process: "proc-1", steps: [{ cpu: 50 }] },
      { name: "main-2", process: "proc-2", steps: [{ cpu: 50 }] },
    ],
  });
  assert.equal(r.makespan, 50);
  assert.deepEqual(
    r.timeline.map((s) => `${s.thread} core ${s.core} ${s.start}-${s.end}`),
    ["main-1 core 0 0-50", "main-2 core 1 0-50"],
  );
});

Deno.test("two processes on one core are time-sliced: they wait for the core, not a GIL", () => {
  const r = simulateGil({
    cores: 1,
    switchInterval: 10,
    threads: [
      { name: "a", process: "p1", steps: [{ cpu: 15 }] },
      { name: "b", process: "p2", steps: [{ cpu: 15 }] },
    ],
  });
  assert.deepEqual(show(r.timeline), [
    "a cpu 0-10",
    "b wait-core 0-10",
    "a wait-core 10-20",
    "b cpu 10-20",
    "a cpu 20-25",
    "b wait-core 20-25",
    "b cpu 25-30",
  ]);
  assert.equal(r.makespan, 30);
});

Deno.test("a lone CPU-bound thread keeps the GIL: nobody asks for it", () => {
  const r = simulateGil({
    cores: 4,
    threads: [{ name: "solo", process: "py", steps: [{ cpu: 30 }, { cpu: 12 }] }],
  });
  assert.deepEqual(show(r.timeline), ["solo cpu 0-30", "solo cpu 30-42"]);
});

Deno.test("a thread starting with I/O holds no GIL during it", () => {
  const r = simulateGil({
    cores: 1,
    threads: [
      { name: "reader", process: "py", steps: [{ io: 10 }, { cpu: 2 }] },
      { name: "cruncher", process: "py", steps: [{ cpu: 20 }] },
    ],
  });
  // The reader comes back at 10 and waits for the GIL until the 5 ms interval forces a switch.
  assert.deepEqual(show(r.timeline), [
    "reader io 0-10",
    "cruncher cpu 0-15",
    "reader wait-gil 10-15",
    "reader cpu 15-17",
    "cruncher wait-gil 15-17",
    "cruncher cpu 17-22",
  ]);
  assert.equal(r.makespan, 22);
});

Deno.test("deterministic, and bad input is rejected clearly", () => {
  const input = {
    cores: 2,
    switchInterval: 3,
    threads: [
      { name: "x", process: "p", steps: [{ cpu: 7 }, { io: 4 }, { cpu: 9 }] },
      { name: "y", process: "p", steps: [{ cpu: 11 }] },
      { name: "z", process: "q", steps: [{ io: 2 }, { cpu: 5 }] },
    ],
  };
  assert.deepEqual(simulateGil(input), simulateGil(input));
  assert.throws(
    () => simulateGil({ cores: 0, threads: [{ name: "a", process: "p", steps: [{ cpu: 1 }] }] }),
    (e: Error) =>
      e instanceof TypeError && /simulateGil: invalid input[\s\S]*cores/.test(e.message),
  );
  assert.throws(
    () => simulateGil({ cores: 1, threads: [{ name: "a", process: "p", steps: [] }] }),
    /at least one step/,
  );
});
