// Event, ported from CPython's test_locks.py (EventTests).
import assert from "node:assert/strict";
import { CancelledError, Event } from "@course/lib";
import { co, recordingLoop, runBriefly } from "./_helpers.ts";

Deno.test("Event test_wait: set() wakes every waiter, in the order they waited", async () => {
  const { loop } = recordingLoop();
  const ev = new Event();
  const result: number[] = [];
  const c = (n: number) =>
    co(function* () {
      if (yield* ev.wait()) result.push(n);
      return true;
    });
  const t1 = loop.createTask(c(1)), t2 = loop.createTask(c(2));
  await runBriefly(loop);
  assert.deepEqual(result, []);
  const t3 = loop.createTask(c(3));
  ev.set();
  await runBriefly(loop);
  assert.deepEqual(result, [3, 1, 2]); // t3 never waited: the flag was set when it first ran
  for (const t of [t1, t2, t3]) assert.equal(t.result(), true);
  loop.close();
});

Deno.test("Event test_wait_on_set: returns true at once", async () => {
  const { loop } = recordingLoop();
  const ev = new Event();
  ev.set();
  assert.equal(await loop.runUntilComplete(ev.wait()), true);
  loop.close();
});

Deno.test("Event test_wait_cancel: a cancelled waiter is removed", async () => {
  const { loop } = recordingLoop();
  const ev = new Event();
  const wait = loop.createTask(ev.wait());
  loop.callSoon(() => wait.cancel());
  await assert.rejects(loop.runUntilComplete(wait), CancelledError);
  assert.match(String(ev), /0 waiting/);
  loop.close();
});

Deno.test("Event test_clear / test_clear_with_waiters: set then clear still wakes the waiter", async () => {
  const { loop } = recordingLoop();
  const ev = new Event();
  const result: number[] = [];
  const t = loop.createTask(co(function* () {
    if (yield* ev.wait()) result.push(1);
    return true;
  }));
  await runBriefly(loop);
  ev.set();
  ev.clear();
  assert.equal(ev.isSet(), false);
  ev.set();
  ev.set();
  assert.match(String(ev), /1 waiting/);
  await runBriefly(loop);
  assert.deepEqual(result, [1]);
  assert.match(String(ev), /0 waiting/);
  assert.equal(t.result(), true);
  loop.close();
});
