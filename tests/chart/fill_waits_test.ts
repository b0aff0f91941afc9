import assert from "node:assert/strict";
import { fillWaits, type TimelineBar } from "@course/lib/chart/mod.ts";

const show = (bars: TimelineBar[]) => bars.map((b) => `${b.lane} ${b.kind} ${b.start}-${b.end}`);

Deno.test("gaps between a lane's bars become waits, lanes keep their order", () => {
  const bars: TimelineBar[] = [
    { lane: "A", kind: "cpu", start: 0, end: 2 },
    { lane: "B", kind: "cpu", start: 2, end: 4 },
    { lane: "A", kind: "cpu", start: 4, end: 6 },
  ];
  assert.deepEqual(show(fillWaits(bars)), ["A cpu 0-2", "A wait 2-4", "A cpu 4-6", "B cpu 2-4"]);
});

Deno.test("with a common start, every lane waits from there to its first bar", () => {
  const bars: TimelineBar[] = [
    { lane: "A", kind: "cpu", start: 0, end: 2 },
    { lane: "B", kind: "cpu", start: 2, end: 4 },
  ];
  assert.deepEqual(show(fillWaits(bars, 0)), ["A cpu 0-2", "B wait 0-2", "B cpu 2-4"]);
});

Deno.test("touching and overlapping bars leave no wait", () => {
  const bars: TimelineBar[] = [
    { lane: "A", kind: "cpu", start: 0, end: 5 },
    { lane: "A", kind: "io", start: 3, end: 7 },
    { lane: "A", kind: "cpu", start: 7, end: 8 },
  ];
  assert.deepEqual(show(fillWaits(bars)), ["A cpu 0-5", "A io 3-7", "A cpu 7-8"]);
});
