import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { type Chart, timeAxis, timeline, type TimelineBar } from "@course/lib/chart/mod.ts";
import {
  type CooperativeTask,
  runCooperative,
  simulateCpu,
  simulateGil,
} from "@course/lib/scheduler/mod.ts";

/** The chart's SVG parsed as XML, with helpers to count what a reader would see. */
function inspect(chart: Chart) {
  const doc = new DOMParser().parseFromString(chart.svg, "image/svg+xml") as unknown as Document;
  const texts = (selector: string) => [...doc.querySelectorAll(selector)].map((t) => t.textContent);
  return {
    root: doc.documentElement,
    /** Row labels on the y axis, top to bottom. */
    lanes: texts('g[aria-label="y-axis tick label"] text'),
    /** Bars of one kind. */
    bars: (kind: string) => doc.querySelectorAll(`g.timeline-${kind} rect`).length,
    ticks: doc.querySelectorAll("g.timeline-preempted line").length,
    labels: texts("g.timeline-label text"),
    markers: doc.querySelectorAll("g.timeline-marker path").length,
    allText: texts("text"),
  };
}

function assertWellFormed(chart: Chart) {
  const { root } = inspect(chart);
  assert.equal(root.tagName, "svg");
  assert.equal(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.doesNotMatch(chart.svg, /<(figure|div|span|h2|h3|figcaption)\b/i);
}

Deno.test("a CPU simulator result: one row per process, waits, preemption ticks, axis with unit", () => {
  const result = simulateCpu({
    policy: "rr",
    quantum: 4,
    processes: [{ name: "P1", burst: 24 }, { name: "P2", burst: 3 }, { name: "P3", burst: 3 }],
  });
  const chart = timeline(result, { title: "Round robin, q = 4", unit: "ms" });
  assertWellFormed(chart);
  const svg = inspect(chart);
  assert.deepEqual(svg.lanes, ["P1", "P2", "P3"]);
  assert.equal(svg.bars("cpu"), 8);
  assert.equal(svg.bars("wait"), 3); // P1 6 ms, P2 from 0 to 4, P3 from 0 to 7
  assert.equal(svg.ticks, 1);
  for (
    const text of [
      "Round robin, q = 4",
      "time (ms) →",
      "running",
      "ready, not running",
      "preempted",
    ]
  ) {
    assert.ok(svg.allText.includes(text), `missing text "${text}"`);
  }
  assert.equal(chart.description, "Round robin, q = 4");
});

Deno.test("by core: one row per core, the process written inside each bar that fits", () => {
  const result = simulateCpu({
    policy: "fcfs",
    cores: 2,
    processes: [{ name: "P1", burst: 24 }, { name: "P2", burst: 3 }, { name: "P3", burst: 3 }],
  });
  const svg = inspect(timeline(result.timeline, { by: "core" }));
  assert.deepEqual(svg.lanes, ["core 0", "core 1"]);
  assert.equal(svg.bars("cpu"), 3);
  assert.deepEqual(svg.labels, ["P1", "P2", "P3"]);
});

Deno.test("I/O steps and context switches get their own marks", () => {
  const result = simulateCpu({
    policy: "fcfs",
    contextSwitch: 1,
    processes: [
      { name: "A", steps: [{ cpu: 2 }, { io: 5 }, { cpu: 2 }] },
      { name: "B", burst: 4 },
    ],
  });
  const svg = inspect(timeline(result));
  assert.deepEqual(svg.lanes, ["A", "B"]);
  assert.equal(svg.bars("io"), 1);
  assert.equal(svg.bars("switch"), 2);
  assert.equal(svg.bars("cpu"), 3);
  assert.ok(svg.allText.includes("waiting for I/O") && svg.allText.includes("context switch"));
});

Deno.test("the cooperative scheduler: a starved task shows as one long wait", () => {
  const hog: CooperativeTask = {
    name: "hog",
    // deno-lint-ignore require-yield -- never gives way, on purpose
    *run(ctx) {
      for (;;) ctx.work(1);
    },
  };
  const ticker: CooperativeTask = {
    name: "ticker",
    *run(ctx) {
      ctx.work(1);
      yield;
    },
  };
  const result = runCooperative([hog, ticker], { budget: 30, starveAfter: 10 });
  const chart = timeline(result, { unit: "steps", caption: "ticker starved" });
  assertWellFormed(chart);
  const svg = inspect(chart);
  assert.deepEqual(svg.lanes, ["hog", "ticker"]);
  assert.equal(svg.bars("cpu"), 1);
  assert.equal(svg.bars("wait"), 1);
  assert.equal(svg.ticks, 0); // cooperative: nobody is ever preempted
  assert.ok(svg.allText.includes("time (steps) →") && svg.allText.includes("ticker starved"));
});

Deno.test("the GIL simulator: a row per thread, GIL waits, forced switches", () => {
  const result = simulateGil({
    cores: 2,
    threads: [
      { name: "T1", process: "py", steps: [{ cpu: 50 }] },
      { name: "T2", process: "py", steps: [{ cpu: 50 }] },
      { name: "main", process: "other", steps: [{ cpu: 1 }, { io: 20 }, { cpu: 1 }] },
    ],
  });
  const svg = inspect(timeline(result));
  assert.deepEqual(svg.lanes, ["py / T1", "py / T2", "other / main"]);
  assert.equal(svg.bars("cpu"), 22);
  assert.equal(svg.bars("io"), 1);
  assert.equal(svg.bars("wait-gil"), 19);
  assert.equal(svg.ticks, 18);
  assert.ok(svg.allText.includes("waiting for the GIL"));
});

Deno.test("the event loop's trace: a row for the loop and one per task, callbacks as markers", () => {
  const at = (t: number) => ({ loopTime: t, realTime: t });
  const trace = [
    { kind: "task-step", phase: "start", task: "main", taskId: 1, ...at(0) },
    { kind: "task-step", phase: "end", task: "main", taskId: 1, outcome: "suspended", ...at(0.1) },
    { kind: "io-wait", phase: "start", timeout: 1, ...at(0.1) },
    { kind: "io-wait", phase: "end", timeout: null, ...at(1) },
    { kind: "timer-fired", when: 1, name: "wake", ...at(1) },
    { kind: "callback", name: "wake", ...at(1) },
    { kind: "task-step", phase: "start", task: "main", taskId: 1, ...at(1) },
    { kind: "task-step", phase: "end", task: "main", taskId: 1, outcome: "done", ...at(1.2) },
  ];
  const svg = inspect(timeline(trace, { unit: "s" }));
  assert.deepEqual(svg.lanes, ["event loop", "main"]);
  assert.equal(svg.bars("cpu"), 2);
  assert.equal(svg.bars("suspended"), 1);
  assert.equal(svg.bars("idle"), 1);
  assert.equal(svg.markers, 2);
  assert.ok(svg.allText.includes("timer fired") && svg.allText.includes("callback ran"));
});

Deno.test("steps that take no loop time (virtual clock) are still drawn, a sliver wide", () => {
  const at = (t: number) => ({ loopTime: t, realTime: t / 1000 });
  const trace = [
    { kind: "task-step", phase: "start", task: "main", taskId: 1, ...at(0) },
    { kind: "task-step", phase: "end", task: "main", taskId: 1, outcome: "suspended", ...at(0) },
    { kind: "time-jump", from: 0, ...at(2) },
    { kind: "task-step", phase: "start", task: "main", taskId: 1, ...at(2) },
    { kind: "task-step", phase: "end", task: "main", taskId: 1, outcome: "done", ...at(2) },
  ];
  const chart = timeline(trace, { unit: "s" });
  const doc = new DOMParser().parseFromString(chart.svg, "image/svg+xml") as unknown as Document;
  const widths = [...doc.querySelectorAll("g.timeline-cpu rect")].map((r) =>
    Number(r.getAttribute("width"))
  );
  assert.equal(widths.length, 2);
  assert.ok(widths.every((w) => w >= 3.9), widths.join());
  assert.equal(inspect(chart).bars("idle"), 1); // the time jump
});

Deno.test("hand-made bars (a Worker measurement) draw as given", () => {
  const bars: TimelineBar[] = [
    { lane: "job A", kind: "cpu", start: 0, end: 400, label: "worker 1" },
    { lane: "job B", kind: "cpu", start: 1, end: 405, label: "worker 2" },
  ];
  const svg = inspect(timeline(bars, { title: "two Workers" }));
  assert.deepEqual(svg.lanes, ["job A", "job B"]);
  assert.deepEqual(svg.labels, ["worker 1", "worker 2"]);
});

Deno.test("a trace of an unknown shape is refused with a clear message", () => {
  assert.throws(
    () => timeline([{ foo: 1 }] as never),
    /cannot tell what kind of trace this is/,
  );
});

Deno.test("measured job runs: a row per way and job, waits in the gaps", () => {
  const runs = [
    {
      way: "serial",
      ms: 10,
      bars: [
        { lane: "job A", label: "main thread", kind: "cpu" as const, start: 0, end: 5 },
        { lane: "job B", label: "main thread", kind: "cpu" as const, start: 5, end: 10 },
      ],
    },
    {
      way: "workers",
      ms: 5,
      bars: [
        { lane: "job A", label: "worker 1", kind: "cpu" as const, start: 0, end: 5 },
        { lane: "job B", label: "worker 2", kind: "cpu" as const, start: 0, end: 5 },
      ],
    },
  ];
  const svg = inspect(timeline(runs));
  assert.deepEqual(svg.lanes, [
    "serial: job A",
    "serial: job B",
    "workers: job A",
    "workers: job B",
  ]);
  assert.equal(svg.bars("cpu"), 4);
  assert.equal(svg.bars("wait"), 1);
});

Deno.test("the time axis ends at the first tick after the data: never short of it, never far past", () => {
  const axis = (end: number, start = 0) =>
    timeAxis([{ lane: "a", kind: "cpu", start, end }], "s").domain;
  assert.deepEqual(axis(34.5), [0, 35]); // was [0, 34.5]: the last tick, 30, stopped short
  assert.deepEqual(axis(0.4), [0, 0.4]); // was [0, 1]: a 0.4 s run drawn on a 1 s axis
  assert.deepEqual(axis(0.43), [0, 0.45]);
  assert.deepEqual(axis(1000), [0, 1000]);
  assert.deepEqual(axis(0, 0), [0, 1]); // nothing lasted: one unit
});
