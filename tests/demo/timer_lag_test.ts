import assert from "node:assert/strict";
import { measureTimerLag } from "../../lib/demo/mod.ts";

Deno.test("a busy loop on the thread delays the timer by about its length", async () => {
  const run = await measureTimerLag(() => {
    const end = performance.now() + 80;
    while (performance.now() < end) { /* hold the thread */ }
    return "done";
  });
  assert.equal(run.value, "done");
  assert.ok(run.lagMs >= 50, `lag ${run.lagMs}`);
  assert.equal(run.ticksDuringWork, 0);
  assert.ok(run.work.end - run.work.start >= 80);
});

Deno.test("waiting without holding the thread lets the timer keep ticking", async () => {
  const run = await measureTimerLag(() => new Promise((r) => setTimeout(r, 80)), { kind: "io" });
  assert.ok(run.ticksDuringWork >= 3, `ticks during work: ${run.ticksDuringWork}`);
  assert.equal(run.data.bars[0].kind, "io");
  assert.deepEqual(run.data.lanes, ["timer", "main thread"]);
  assert.equal(run.data.markers!.length, run.ticks.length);
});
