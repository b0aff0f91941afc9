// Semaphore and BoundedSemaphore, ported from CPython's test_locks.py (SemaphoreTests).
import assert from "node:assert/strict";
import { BoundedSemaphore, CancelledError, Semaphore, sleep, ValueError } from "@course/lib";
import { co, gathered, recordingLoop, runBriefly } from "./_helpers.ts";

Deno.test("Semaphore test_initial_value_zero: locked at once", () => {
  assert.equal(new Semaphore(0).locked(), true);
});

Deno.test("Semaphore test_semaphore_value: a negative value is a ValueError, at once", () => {
  assert.throws(() => new Semaphore(-1), ValueError);
  assert.throws(() => new Semaphore(NaN), TypeError);
});

Deno.test("Semaphore test_acquire: at most `value` holders, FIFO for the rest", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore(3);
  const result: number[] = [];
  assert.equal(await loop.runUntilComplete(sem.acquire()), true);
  assert.equal(await loop.runUntilComplete(sem.acquire()), true);
  assert.equal(sem.locked(), false);
  const c = (n: number) =>
    co(function* () {
      yield* sem.acquire();
      result.push(n);
      return true;
    });
  const tasks = [1, 2, 3].map((n) => loop.createTask(c(n)));
  await runBriefly(loop);
  assert.deepEqual(result, [1]);
  assert.equal(sem.locked(), true);
  const t4 = loop.createTask(c(4));
  sem.release();
  sem.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1, 2, 3]);
  sem.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1, 2, 3, 4]);
  for (const t of [...tasks, t4]) assert.equal(t.result(), true);
  loop.close();
});

Deno.test("Semaphore test_acquire_cancel: a cancelled waiter leaves the count alone", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore();
  await loop.runUntilComplete(sem.acquire());
  const acquire = loop.createTask(sem.acquire());
  loop.callSoon(() => acquire.cancel());
  await assert.rejects(loop.runUntilComplete(acquire), CancelledError);
  assert.match(String(sem), /value 0, 0 waiting/);
  loop.close();
});

Deno.test("Semaphore test_acquire_cancel_before_awoken: a place handed to a cancelled waiter goes to the next", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore(0);
  const t1 = loop.createTask(sem.acquire());
  const t2 = loop.createTask(sem.acquire());
  const t3 = loop.createTask(sem.acquire());
  const t4 = loop.createTask(sem.acquire());
  await runBriefly(loop);
  t1.cancel();
  t2.cancel();
  sem.release();
  await runBriefly(loop);
  await runBriefly(loop);
  assert.equal(t1.cancelled() && t2.cancelled(), true);
  assert.equal(t3.done() && t3.result(), true);
  assert.equal(t4.done(), false);
  t4.cancel();
  await runBriefly(loop);
  loop.close();
});

Deno.test("Semaphore test_acquire_hang: woken then cancelled, the place is given back (no hang)", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore(0);
  const t1 = loop.createTask(sem.acquire());
  const t2 = loop.createTask(sem.acquire());
  await runBriefly(loop);
  sem.release(); // t1 is handed the place ...
  t1.cancel(); // ... and cancelled before it runs
  await runBriefly(loop);
  await runBriefly(loop);
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.done() && t2.result(), true);
  assert.equal(sem.locked(), true);
  loop.close();
});

Deno.test("Semaphore test_acquire_fifo_order: newcomers queue behind waiters even if a place is free", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore(1);
  const order: string[] = [];
  const worker = (name: string) =>
    co(function* () {
      using _place = yield* sem.hold();
      order.push(`${name}+`);
      yield* sleep(0.01);
      order.push(`${name}-`);
    });
  await loop.runUntilComplete(gathered(worker("a"), worker("b"), worker("c")));
  assert.deepEqual(order, ["a+", "a-", "b+", "b-", "c+", "c-"]);
  loop.close();
});

Deno.test("Semaphore bounds concurrency: 10 tasks of 1 s through 3 places take 4 s, never more than 3 inside", async () => {
  const { loop } = recordingLoop();
  const sem = new Semaphore(3);
  let inside = 0, most = 0;
  const job = () =>
    co(function* () {
      using _place = yield* sem.hold();
      most = Math.max(most, ++inside);
      yield* sleep(1);
      inside--;
    });
  await loop.runUntilComplete(gathered(...Array.from({ length: 10 }, job)));
  assert.equal(most, 3);
  assert.equal(loop.time(), 4);
  loop.close();
});

Deno.test("BoundedSemaphore test_release_not_acquired: ValueError on one release too many", async () => {
  const { loop } = recordingLoop();
  const sem = new BoundedSemaphore();
  assert.throws(() => sem.release(), ValueError);
  await loop.runUntilComplete(sem.acquire());
  sem.release();
  assert.throws(() => sem.release(), ValueError);
  loop.close();
});
