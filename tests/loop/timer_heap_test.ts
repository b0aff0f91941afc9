import assert from "node:assert/strict";
import fc from "fast-check";
import { EventLoop } from "@course/lib";
import { TimerHeap } from "@course/lib/loop/timer_heap.ts";

Deno.test("property: TimerHeap pops in (deadline, scheduling order) order (1,000 runs)", () => {
  const loop = new EventLoop({ clock: "virtual" });
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (whens) => {
      const heap = new TimerHeap();
      const timers = whens.map((when) => loop.callAt(when, () => {}));
      for (const timer of timers) heap.push(timer);
      const popped = [];
      while (heap.size > 0) popped.push(heap.pop()!);
      const expected = [...timers].sort((a, b) => a.when() - b.when() || a._seq - b._seq);
      assert.deepEqual(popped, expected);
    }),
    { numRuns: 1000 },
  );
  loop.close();
});

Deno.test("TimerHeap.filter keeps only the accepted timers, still ordered", () => {
  const loop = new EventLoop({ clock: "virtual" });
  const heap = new TimerHeap();
  const timers = [5, 1, 4, 2, 3].map((when) => loop.callAt(when, () => {}));
  timers.forEach((t) => heap.push(t));
  heap.filter((t) => t.when() % 2 === 1);
  const order = [];
  while (heap.size) order.push(heap.pop()!.when());
  assert.deepEqual(order, [1, 3, 5]);
  assert.equal(heap.pop(), undefined);
  loop.close();
});
