// Lock, ported from CPython's Lib/test/test_asyncio/test_locks.py (LockTests):
// each test is named after the CPython test whose behaviour it matches.
import assert from "node:assert/strict";
import { CancelledError, createTask, Lock, RuntimeError, sleep } from "@course/lib";
import { co, recordingLoop, runBriefly } from "./_helpers.ts";

Deno.test("Lock test_lock: acquire returns true and holds the lock until release", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  assert.equal(await loop.runUntilComplete(lock.acquire()), true);
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
  loop.close();
});

Deno.test("Lock test_acquire: waiters get the lock in FIFO order", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  const result: number[] = [];
  await loop.runUntilComplete(lock.acquire());
  const c = (n: number) =>
    co(function* () {
      yield* lock.acquire();
      result.push(n);
      return true;
    });
  const t1 = loop.createTask(c(1)), t2 = loop.createTask(c(2));
  await runBriefly(loop);
  assert.deepEqual(result, []);
  lock.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1]);
  const t3 = loop.createTask(c(3));
  lock.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1, 2]);
  lock.release();
  await runBriefly(loop);
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of [t1, t2, t3]) assert.equal(t.result(), true);
  loop.close();
});

Deno.test("Lock test_acquire_cancel: a cancelled waiter leaves no waiter behind", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  await loop.runUntilComplete(lock.acquire());
  const task = loop.createTask(lock.acquire());
  loop.callSoon(() => task.cancel());
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.match(String(lock), /0 waiting/);
  loop.close();
});

Deno.test("Lock test_cancel_race: a cancelled first waiter does not keep the lock from the next", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  const lockit = (blocker: { wait: () => Generator<unknown, unknown> } | null) =>
    co(function* () {
      yield* lock.acquire();
      try {
        if (blocker !== null) yield* blocker.wait();
      } finally {
        lock.release();
      }
    });
  const fa = loop.createFuture<void>();
  const ta = loop.createTask(lockit({ wait: () => fa[Symbol.iterator]() }));
  await runBriefly(loop);
  assert.equal(lock.locked(), true);
  const tb = loop.createTask(lockit(null));
  await runBriefly(loop);
  const tc = loop.createTask(lockit(null));
  await runBriefly(loop);
  assert.match(String(lock), /2 waiting/);
  fa.setResult(); // A releases...
  tb.cancel(); // ...while B is cancelled
  await runBriefly(loop);
  await runBriefly(loop);
  assert.equal(lock.locked(), false);
  assert.equal(ta.done(), true);
  assert.equal(tb.cancelled(), true);
  assert.equal(tc.done(), true);
  loop.close();
});

Deno.test("Lock test_cancel_release_race: a waiter cancelled after it was woken passes the wake-up on", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  const order: string[] = [];
  const waiter = (name: string) =>
    co(function* () {
      yield* lock.acquire();
      order.push(name);
      lock.release();
    });
  await loop.runUntilComplete(lock.acquire());
  const t1 = loop.createTask(waiter("t1"));
  const t2 = loop.createTask(waiter("t2"));
  await runBriefly(loop);
  lock.release(); // wakes t1 (its future is done) ...
  t1.cancel(); // ... but t1 is cancelled before it runs
  await loop.runUntilComplete(t2);
  assert.equal(t1.cancelled(), true);
  assert.deepEqual(order, ["t2"]);
  assert.equal(lock.locked(), false);
  loop.close();
});

Deno.test("Lock.acquire fast path (CPython: not locked and no live waiter): a newcomer does not jump a woken waiter", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  const order: string[] = [];
  const waiter = (name: string) =>
    co(function* () {
      yield* lock.acquire();
      order.push(name);
      yield* sleep(0);
      lock.release();
    });
  await loop.runUntilComplete(lock.acquire());
  const ta = loop.createTask(waiter("a"));
  await runBriefly(loop);
  lock.release(); // a is woken but has not run yet
  assert.equal(lock.locked(), false);
  const tb = loop.createTask(waiter("b")); // b must queue behind a (a's waiter is still there)
  await loop.runUntilComplete(tb);
  await loop.runUntilComplete(ta);
  assert.deepEqual(order, ["a", "b"]);
  loop.close();
});

Deno.test("Lock test_release_not_acquired: RuntimeError", () => {
  assert.throws(() => new Lock().release(), RuntimeError);
});

Deno.test("Lock test_context_manager: using ... hold() releases at the end of the block, also on error", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  await loop.runUntilComplete(co(function* () {
    {
      using _held = yield* lock.hold();
      assert.equal(lock.locked(), true);
    }
    assert.equal(lock.locked(), false);
    try {
      using _held = yield* lock.hold();
      throw new Error("inside");
    } catch {
      assert.equal(lock.locked(), false);
    }
  }));
  loop.close();
});

Deno.test("Lock test_lock_by_with_statement: the lock serialises a read-wait-write section", async () => {
  const { loop } = recordingLoop();
  const lock = new Lock();
  let counter = 0;
  const increment = () =>
    co(function* () {
      using _held = yield* lock.hold();
      const seen = counter;
      yield* sleep(0.1);
      counter = seen + 1;
    });
  await loop.runUntilComplete(co(function* () {
    const tasks = Array.from({ length: 10 }, () => createTask(increment()));
    for (const t of tasks) yield* t;
  }));
  assert.equal(counter, 10);
  assert.ok(
    Math.abs(loop.time() - 1) < 1e-9,
    `ten 0.1 s sections one after another: ${loop.time()}`,
  );
  loop.close();
});

Deno.test("Lock: used from a second loop raises RuntimeError (asyncio's _LoopBoundMixin)", async () => {
  const a = recordingLoop().loop, b = recordingLoop().loop;
  const lock = new Lock();
  await a.runUntilComplete(lock.acquire());
  await assert.rejects(b.runUntilComplete(lock.acquire()), RuntimeError);
  a.close();
  b.close();
});
