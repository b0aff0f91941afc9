// Condition, ported from CPython's test_locks.py (ConditionTests).
import assert from "node:assert/strict";
import {
  CancelledError,
  Condition,
  Lock,
  RuntimeError,
  sleep,
  TimeoutError,
  waitFor,
} from "@course/lib";
import { co, recordingLoop, runBriefly } from "./_helpers.ts";

function waiters(cond: Condition, result: number[], ns: number[]) {
  return ns.map((n) =>
    co(function* () {
      yield* cond.acquire();
      if (yield* cond.wait()) result.push(n);
      cond.release();
      return true;
    })
  );
}

Deno.test("Condition test_wait: notify(n) wakes n waiters, each runs once it gets the lock back", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  const result: number[] = [];
  const tasks = waiters(cond, result, [1, 2, 3]).map((c) => loop.createTask(c));
  await runBriefly(loop);
  assert.deepEqual(result, []);
  assert.equal(cond.locked(), false);
  await loop.runUntilComplete(cond.acquire());
  cond.notify();
  await runBriefly(loop);
  assert.deepEqual(result, []); // notified, but we still hold the lock
  cond.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1]);
  await loop.runUntilComplete(cond.acquire());
  cond.notify(2);
  cond.release();
  await runBriefly(loop);
  await runBriefly(loop);
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of tasks) assert.equal(t.result(), true);
  loop.close();
});

Deno.test("Condition test_wait_cancel: the lock is held again after a cancelled wait", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  await loop.runUntilComplete(cond.acquire());
  const wait = loop.createTask(cond.wait());
  loop.callSoon(() => wait.cancel());
  await assert.rejects(loop.runUntilComplete(wait), CancelledError);
  assert.match(String(cond), /0 waiting/);
  assert.equal(cond.locked(), true);
  loop.close();
});

Deno.test("Condition test_wait_cancel_contested: a cancelled waiter waits for the lock before raising", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  await loop.runUntilComplete(cond.acquire());
  const wait = loop.createTask(cond.wait());
  await runBriefly(loop);
  assert.equal(cond.locked(), false); // wait() released it
  await loop.runUntilComplete(cond.acquire()); // we take the lock
  wait.cancel();
  await runBriefly(loop);
  assert.equal(wait.done(), false); // it waits for the lock
  cond.release();
  await assert.rejects(loop.runUntilComplete(wait), CancelledError);
  assert.equal(cond.locked(), true); // and holds it after the CancelledError
  loop.close();
});

Deno.test("Condition test_wait_cancel_after_notify: a notified waiter that is cancelled hands the notification on", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  const woken: string[] = [];
  const waiter = (name: string) =>
    co(function* () {
      using _held = yield* cond.hold();
      yield* cond.wait();
      woken.push(name);
    });
  const a = loop.createTask(waiter("a")), b = loop.createTask(waiter("b"));
  await runBriefly(loop);
  await loop.runUntilComplete(cond.acquire());
  cond.notify(1); // notifies a ...
  a.cancel(); // ... which is cancelled before it wakes
  cond.release();
  await assert.rejects(loop.runUntilComplete(a), CancelledError);
  await loop.runUntilComplete(b); // b got a's notification: not lost
  assert.deepEqual(woken, ["b"]);
  loop.close();
});

Deno.test("Condition test_wait_unacquired / test_notify_unacquired: RuntimeError", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  await assert.rejects(loop.runUntilComplete(cond.wait()), RuntimeError);
  assert.throws(() => cond.notify(), RuntimeError);
  assert.throws(() => cond.notifyAll(), RuntimeError);
  loop.close();
});

Deno.test("Condition test_wait_for: returns once the predicate holds after a notification", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  let ready = false;
  const result: number[] = [];
  const t = loop.createTask(co(function* () {
    yield* cond.acquire();
    if (yield* cond.waitFor(() => ready)) result.push(1);
    cond.release();
    return true;
  }));
  await runBriefly(loop);
  await loop.runUntilComplete(cond.acquire());
  cond.notify();
  cond.release();
  await runBriefly(loop);
  assert.deepEqual(result, []);
  ready = true;
  await loop.runUntilComplete(cond.acquire());
  cond.notify();
  cond.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1]);
  assert.equal(t.result(), true);
  loop.close();
});

Deno.test("Condition test_wait_for_unacquired: a true predicate returns at once, else RuntimeError", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  assert.deepEqual(await loop.runUntilComplete(cond.waitFor(() => [1, 2, 3])), [1, 2, 3]);
  await assert.rejects(loop.runUntilComplete(cond.waitFor(() => false)), RuntimeError);
  loop.close();
});

Deno.test("Condition test_notify_all: every waiter wakes", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  const result: number[] = [];
  const tasks = waiters(cond, result, [1, 2]).map((c) => loop.createTask(c));
  await runBriefly(loop);
  await loop.runUntilComplete(cond.acquire());
  cond.notifyAll();
  cond.release();
  for (const t of tasks) await loop.runUntilComplete(t);
  assert.deepEqual(result, [1, 2]);
  loop.close();
});

Deno.test("Condition test_explicit_lock: shares the lock it is given", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  const cond = new Condition(lock);
  await loop.runUntilComplete(lock.acquire());
  assert.equal(cond.locked(), true);
  cond.release();
  assert.equal(lock.locked(), false);
  loop.close();
});

Deno.test("Condition test_timeout_in_block: waitFor cancelled by a timeout still re-acquires", async () => {
  const { loop } = recordingLoop();
  const cond = new Condition();
  await loop.runUntilComplete(co(function* () {
    using _held = yield* cond.hold();
    try {
      yield* waitFor(cond.wait(), 0.5);
      assert.fail("expected a timeout");
    } catch (error) {
      assert.ok(error instanceof TimeoutError);
    }
    assert.equal(cond.locked(), true);
    yield* sleep(0);
  }));
  assert.equal(cond.locked(), false);
  loop.close();
});
