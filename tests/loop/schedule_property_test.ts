/**
 * Property tests: 1,000 random schedules of callSoon / callLater / callAt /
 * cancel, nested (a callback schedules more), run on the real loop and on a
 * reference model written for clarity, not speed. Both must run the same
 * callbacks in the same order at the same loop times.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { EventLoop, type Handle } from "@course/lib";

interface Op {
  kind: "soon" | "later" | "at";
  /** Seconds: the delay for "later", the absolute time for "at". */
  time: number;
  /** The op whose callback schedules this one (-1: scheduled up front). */
  parent: number;
  /** When this op's callback runs it cancels op `cancels` (if scheduled). */
  cancels: number;
}

const opArbitrary = (index: number) =>
  fc.record({
    kind: fc.constantFrom("soon", "later", "at"),
    // few distinct values so that ties are common
    time: fc.integer({ min: 0, max: 8 }).map((n) => n / 2),
    parent: fc.integer({ min: -1, max: index - 1 }),
    cancels: fc.integer({ min: -1, max: index + 3 }),
  }) as fc.Arbitrary<Op>;

const scheduleArbitrary = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => opArbitrary(i)))
);

type Run = [op: number, time: number][];

/** The reference: asyncio's _run_once with plain arrays and linear scans. */
function model(ops: Op[]): Run {
  const log: Run = [];
  let time = 0, seq = 0;
  const cancelled = new Set<number>();
  const scheduled = new Set<number>();
  let ready: number[] = [];
  let timers: { when: number; seq: number; op: number }[] = [];
  const schedule = (i: number) => {
    scheduled.add(i);
    const op = ops[i];
    if (op.kind === "soon") ready.push(i);
    else timers.push({ when: op.kind === "later" ? time + op.time : op.time, seq: seq++, op: i });
  };
  const run = (i: number) => {
    if (cancelled.has(i)) return;
    log.push([i, time]);
    if (scheduled.has(ops[i].cancels)) cancelled.add(ops[i].cancels);
    ops.forEach((op, child) => op.parent === i && schedule(child));
  };
  ops.forEach((op, i) => op.parent === -1 && schedule(i));
  for (;;) {
    timers = timers.filter((t) => !cancelled.has(t.op));
    if (ready.length === 0 && timers.length === 0) return log;
    if (ready.length === 0) time = Math.max(time, Math.min(...timers.map((t) => t.when)));
    const due = timers.filter((t) => t.when <= time)
      .sort((a, b) => a.when - b.when || a.seq - b.seq);
    timers = timers.filter((t) => t.when > time);
    ready.push(...due.map((t) => t.op));
    const batch = ready;
    ready = [];
    for (const i of batch) run(i);
  }
}

function real(ops: Op[]): Run {
  const loop = new EventLoop({ clock: "virtual" });
  const log: Run = [];
  const handles = new Map<number, Handle>();
  const schedule = (i: number) => {
    const op = ops[i];
    const cb = () => {
      log.push([i, loop.time()]);
      handles.get(op.cancels)?.cancel();
      ops.forEach((child, c) => child.parent === i && schedule(c));
    };
    handles.set(
      i,
      op.kind === "soon"
        ? loop.callSoon(cb)
        : op.kind === "later"
        ? loop.callLater(op.time, cb)
        : loop.callAt(op.time, cb),
    );
  };
  ops.forEach((op, i) => op.parent === -1 && schedule(i));
  while (loop.runOnce() !== Infinity) { /* one turn at a time */ }
  loop.close();
  return log;
}

Deno.test("property: random schedules run like the reference model (1,000 runs)", () => {
  fc.assert(
    fc.property(scheduleArbitrary, (ops) => {
      assert.deepEqual(real(ops), model(ops));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("property: the model itself is checked on a known schedule", () => {
  // soon(0) schedules later(1 s)=1; at(0.5)=2; soon(0) also cancels 2.
  const ops: Op[] = [
    { kind: "soon", time: 0, parent: -1, cancels: -1 },
    { kind: "later", time: 1, parent: 0, cancels: -1 },
    { kind: "at", time: 0.5, parent: -1, cancels: -1 },
    { kind: "soon", time: 0, parent: -1, cancels: 2 },
  ];
  const expected: Run = [[0, 0], [3, 0], [1, 1]];
  assert.deepEqual(model(ops), expected);
  assert.deepEqual(real(ops), expected);
});
