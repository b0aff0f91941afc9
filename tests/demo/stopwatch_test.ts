import assert from "node:assert/strict";
import { measure, stopwatch } from "@course/lib/demo/mod.ts";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* computing on purpose */ }
}

Deno.test("stopwatch laps: a wait costs wall time, a busy loop costs CPU time", async () => {
  const watch = stopwatch();
  await new Promise((r) => setTimeout(r, 60));
  const wait = watch.lap("wait");
  busy(60);
  const compute = watch.lap("compute");
  assert.deepEqual(watch.laps.map((l) => l.label), ["wait", "compute"]);
  assert.ok(wait.wallMs >= 55, `wait wall ${wait.wallMs}`);
  assert.ok(wait.cpuMs < wait.wallMs / 2, `a wait used ${wait.cpuMs} ms of CPU`);
  assert.ok(compute.wallMs >= 59);
  assert.ok(compute.cpuMs > 0, "a busy loop used no CPU");
  const total = watch.total();
  assert.ok(total.wallMs >= wait.wallMs + compute.wallMs);
});

Deno.test("measure returns the value with wall and CPU time, sync or async", async () => {
  const sync = await measure(() => 42);
  assert.equal(sync.value, 42);
  assert.ok(sync.wallMs >= 0 && sync.cpuMs >= 0);
  const idle = await measure(() => new Promise<string>((r) => setTimeout(() => r("done"), 50)));
  assert.equal(idle.value, "done");
  assert.ok(idle.wallMs >= 45 && idle.cpuMs < idle.wallMs);
});
