// CPython's Lib/test/test_asyncio/test_locks.py (3.11), ported to the course's API: each test is
// named after the CPython test it ports. `async with lock:` is `using _held = yield* lock.hold()`.
// CPython reads the private `_waiters` list; the course shows the same count in `String(x)`.
import assert from "node:assert/strict";
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  CancelledError,
  Condition,
  type Coroutine,
  createTask,
  Event,
  EventLoop,
  gather,
  getRunningLoop,
  Lock,
  RuntimeError,
  Semaphore,
  sleep,
  type Task,
  taskGroup,
  TimeoutError,
  ValueError,
  wait,
  waitFor,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { cpython } from "./_port.ts";

const { port } = cpython("test_locks");

/** How many tasks wait, as the primitive's description says (CPython: `len(x._waiters)`). */
function waiting(primitive: object): number {
  const match = /(\d+)(?:\/\d+)? waiting/.exec(String(primitive));
  assert.ok(match, `no waiting count in ${primitive}`);
  return Number(match[1]);
}

// ---------------------------------------------------------------- LockTests

port("LockTests.test_repr", function* () {
  const lock = new Lock();
  assert.match(String(lock), /^<Lock unlocked, 0 waiting>$/);
  yield* lock.acquire();
  assert.match(String(lock), /^<Lock locked, 0 waiting>$/);
});

port("test_lock_by_with_statement", function* () {
  for (const lock of [new Lock(), new Condition(), new Semaphore(), new BoundedSemaphore()]) {
    yield* sleep(0.01);
    assert.equal(lock.locked(), false);
    // CPython: `with await lock` is a TypeError; here the primitive is not iterable by yield*
    assert.throws(() => (lock as unknown as Iterable<unknown>)[Symbol.iterator](), TypeError);
    assert.equal(lock.locked(), false);
  }
});

port("LockTests.test_acquire", function* () {
  const lock = new Lock();
  const result: number[] = [];
  assert.equal(yield* lock.acquire(), true);
  function* c(n: number): Coroutine<boolean> {
    if (yield* lock.acquire()) result.push(n);
    return true;
  }
  const t1 = createTask(c(1)), t2 = createTask(c(2));
  yield* sleep(0);
  assert.deepEqual(result, []);
  lock.release();
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  const t3 = createTask(c(3));
  lock.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2]);
  lock.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of [t1, t2, t3]) assert.equal(t.result(), true);
});

port("LockTests.test_acquire_cancel", function* () {
  const lock = new Lock();
  assert.equal(yield* lock.acquire(), true);
  const task = createTask(lock.acquire());
  getRunningLoop().callSoon(() => task.cancel());
  yield* assertRaises(task[Symbol.iterator](), CancelledError);
  assert.equal(waiting(lock), 0);
});

port("test_cancel_race", function* () {
  const lock = new Lock();
  function* lockit(blocker: Coroutine<unknown> | null): Coroutine<void> {
    yield* lock.acquire();
    try {
      if (blocker !== null) yield* blocker;
    } finally {
      lock.release();
    }
  }
  const fa = getRunningLoop().createFuture<void>();
  const ta = createTask(lockit(fa[Symbol.iterator]()));
  yield* sleep(0);
  assert.equal(lock.locked(), true);
  const tb = createTask(lockit(null));
  yield* sleep(0);
  assert.equal(waiting(lock), 1);
  const tc = createTask(lockit(null));
  yield* sleep(0);
  assert.equal(waiting(lock), 2);
  fa.setResult();
  tb.cancel(); // (CPython also checks, white-box, that B's waiter future is cancelled)
  yield* sleep(0);
  assert.equal(lock.locked(), false);
  assert.equal(ta.done(), true);
  assert.equal(tb.cancelled(), true);
  yield* tc;
});

port("test_cancel_release_race", function* () {
  const loop = getRunningLoop();
  const lock = new Lock();
  let lockCount = 0, callCount = 0;
  function* lockit(): Coroutine<void> {
    callCount += 1;
    yield* lock.acquire();
    lockCount += 1;
  }
  yield* lock.acquire();
  const t1: Task<void> = createTask(lockit()), t2 = createTask(lockit()), t3 = createTask(lockit());
  yield* sleep(0);
  loop.callSoon(() => {
    t1.cancel();
    lock.release();
  });
  yield* assertRaises(t1[Symbol.iterator](), CancelledError);
  assert.equal(lockCount, 1); // only one took the lock
  assert.equal(callCount, 3);
  assert.ok(t1.cancelled() && t2.done());
  t3.cancel();
  yield* sleep(0);
  assert.equal(t3.cancelled(), true);
});

port("test_finished_waiter_cancelled", function* () {
  const lock = new Lock();
  yield* lock.acquire();
  assert.equal(lock.locked(), true);
  const tb = createTask(lock.acquire());
  yield* sleep(0);
  assert.equal(waiting(lock), 1);
  const tc = createTask(lock.acquire());
  tb.cancel();
  lock.release();
  yield* sleep(0);
  assert.equal(lock.locked(), true);
  assert.equal(tb.cancelled(), true);
  yield* tc;
});

port("LockTests.test_release_not_acquired", () => {
  assert.throws(() => new Lock().release(), RuntimeError);
});

port("LockTests.test_release_no_waiters", function* () {
  const lock = new Lock();
  yield* lock.acquire();
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
});

port("LockTests.test_context_manager", function* () {
  const lock = new Lock();
  assert.equal(lock.locked(), false);
  {
    using _held = yield* lock.hold();
    assert.equal(lock.locked(), true);
  }
  assert.equal(lock.locked(), false);
});

// ---------------------------------------------------------------- EventTests

port("EventTests.test_repr", () => {
  const ev = new Event();
  assert.match(String(ev), /^<Event unset, 0 waiting>$/);
  ev.set();
  assert.match(String(ev), /^<Event set, 0 waiting>$/);
});

port("EventTests.test_wait", function* () {
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  const result: number[] = [];
  function* c(n: number): Coroutine<void> {
    if (yield* ev.wait()) result.push(n);
  }
  const t1 = createTask(c(1)), t2 = createTask(c(2));
  yield* sleep(0);
  assert.deepEqual(result, []);
  const t3 = createTask(c(3));
  ev.set();
  yield* sleep(0);
  assert.deepEqual(result, [3, 1, 2]);
  for (const t of [t1, t2, t3]) assert.equal(t.result(), undefined);
});

port("test_wait_on_set", function* () {
  const ev = new Event();
  ev.set();
  assert.equal(yield* ev.wait(), true);
});

port("EventTests.test_wait_cancel", function* () {
  const ev = new Event();
  const wait = createTask(ev.wait());
  getRunningLoop().callSoon(() => wait.cancel());
  yield* assertRaises(wait[Symbol.iterator](), CancelledError);
  assert.equal(waiting(ev), 0);
});

port("test_clear", () => {
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  ev.set();
  assert.equal(ev.isSet(), true);
  ev.clear();
  assert.equal(ev.isSet(), false);
});

port("test_clear_with_waiters", function* () {
  const ev = new Event();
  const result: number[] = [];
  function* c1(): Coroutine<boolean> {
    if (yield* ev.wait()) result.push(1);
    return true;
  }
  const t = createTask(c1());
  yield* sleep(0);
  assert.deepEqual(result, []);
  ev.set();
  ev.clear();
  assert.equal(ev.isSet(), false);
  ev.set();
  ev.set();
  assert.equal(waiting(ev), 1);
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  assert.equal(waiting(ev), 0);
  assert.equal(t.result(), true);
});

// ---------------------------------------------------------------- ConditionTests

port("ConditionTests.test_wait", function* () {
  const cond = new Condition();
  const result: number[] = [];
  function* c(n: number): Coroutine<boolean> {
    yield* cond.acquire();
    if (yield* cond.wait()) result.push(n);
    return true;
  }
  const t1 = createTask(c(1)), t2 = createTask(c(2)), t3 = createTask(c(3));
  yield* sleep(0);
  assert.deepEqual(result, []);
  assert.equal(cond.locked(), false);
  assert.equal(yield* cond.acquire(), true);
  cond.notify();
  yield* sleep(0);
  assert.deepEqual(result, []);
  assert.equal(cond.locked(), true);
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  assert.equal(cond.locked(), true);
  cond.notify(2);
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  assert.equal(cond.locked(), true);
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2]);
  assert.equal(cond.locked(), true);
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2, 3]);
  assert.equal(cond.locked(), true);
  for (const t of [t1, t2, t3]) assert.equal(t.result(), true);
});

port("ConditionTests.test_wait_cancel", function* () {
  const cond = new Condition();
  yield* cond.acquire();
  const wait = createTask(cond.wait());
  getRunningLoop().callSoon(() => wait.cancel());
  yield* assertRaises(wait[Symbol.iterator](), CancelledError);
  assert.equal(waiting(cond), 0);
  assert.equal(cond.locked(), true);
});

port("test_wait_cancel_contested", function* () {
  const cond = new Condition();
  yield* cond.acquire();
  assert.equal(cond.locked(), true);
  const waitTask = createTask(cond.wait());
  yield* sleep(0);
  assert.equal(cond.locked(), false);
  yield* cond.acquire(); // notify, but contest the lock before cancelling
  assert.equal(cond.locked(), true);
  cond.notify();
  getRunningLoop().callSoon(() => waitTask.cancel());
  getRunningLoop().callSoon(() => cond.release());
  try {
    yield* waitTask;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
  }
  assert.equal(cond.locked(), true);
});

port("test_wait_cancel_after_notify", function* () {
  let waited = false;
  const cond = new Condition();
  function* waitOnCond(): Coroutine<void> {
    using _held = yield* cond.hold();
    waited = true;
    yield* cond.wait();
  }
  const waiter = createTask(waitOnCond());
  yield* sleep(0);
  yield* cond.acquire();
  cond.notify();
  yield* sleep(0);
  waiter.cancel();
  yield* sleep(0);
  cond.release();
  yield* sleep(0);
  assert.equal(waiter.cancelled(), true);
  assert.equal(waited, true);
});

port("test_wait_unacquired", function* () {
  yield* assertRaises(new Condition().wait(), RuntimeError);
});

port("ConditionTests.test_wait_for", function* () {
  const cond = new Condition();
  let presult = false;
  const result: number[] = [];
  function* c1(): Coroutine<boolean> {
    yield* cond.acquire();
    if (yield* cond.waitFor(() => presult)) {
      result.push(1);
      cond.release();
    }
    return true;
  }
  const t = createTask(c1());
  yield* sleep(0);
  assert.deepEqual(result, []);
  yield* cond.acquire();
  cond.notify();
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, []);
  presult = true;
  yield* cond.acquire();
  cond.notify();
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  assert.equal(t.result(), true);
});

port("test_wait_for_unacquired", function* () {
  const cond = new Condition();
  assert.deepEqual(yield* cond.waitFor(() => [1, 2, 3]), [1, 2, 3]);
  yield* assertRaises(cond.waitFor(() => false), RuntimeError);
});

port("test_notify", function* () {
  const cond = new Condition();
  const result: number[] = [];
  function* c(n: number): Coroutine<boolean> {
    yield* cond.acquire();
    if (yield* cond.wait()) {
      result.push(n);
      cond.release();
    }
    return true;
  }
  const tasks = [createTask(c(1)), createTask(c(2)), createTask(c(3))];
  yield* sleep(0);
  assert.deepEqual(result, []);
  yield* cond.acquire();
  cond.notify(1);
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  yield* cond.acquire();
  cond.notify(1);
  cond.notify(2048);
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of tasks) assert.equal(t.result(), true);
});

port("test_notify_all", function* () {
  const cond = new Condition();
  const result: number[] = [];
  function* c(n: number): Coroutine<boolean> {
    yield* cond.acquire();
    if (yield* cond.wait()) {
      result.push(n);
      cond.release();
    }
    return true;
  }
  const tasks = [createTask(c(1)), createTask(c(2))];
  yield* sleep(0);
  assert.deepEqual(result, []);
  yield* cond.acquire();
  cond.notifyAll();
  cond.release();
  yield* sleep(0);
  assert.deepEqual(result, [1, 2]);
  for (const t of tasks) assert.equal(t.result(), true);
});

port("test_notify_unacquired", () => {
  assert.throws(() => new Condition().notify(), RuntimeError);
});

port("test_notify_all_unacquired", () => {
  assert.throws(() => new Condition().notifyAll(), RuntimeError);
});

port("ConditionTests.test_repr", function* () {
  const cond = new Condition();
  assert.match(String(cond), /unlocked/);
  yield* cond.acquire();
  assert.match(String(cond), /^<Condition locked, 0 waiting>$/);
  const w1 = createTask(cond.wait());
  yield* sleep(0); // (CPython appends mock waiters; here real ones)
  yield* cond.acquire();
  assert.equal(waiting(cond), 1);
  const w2 = createTask(cond.wait());
  yield* sleep(0);
  yield* cond.acquire();
  assert.equal(waiting(cond), 2);
  w1.cancel();
  w2.cancel();
  cond.release();
  yield* sleep(0);
});

port("ConditionTests.test_context_manager", function* () {
  const cond = new Condition();
  assert.equal(cond.locked(), false);
  {
    using _held = yield* cond.hold();
    assert.equal(cond.locked(), true);
  }
  assert.equal(cond.locked(), false);
});

port("test_explicit_lock", function* () {
  function* f(lock: Lock | null = null, cond: Condition | null = null): Coroutine<void> {
    lock ??= new Lock();
    cond ??= new Condition(lock);
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
    {
      using _held = yield* cond.hold();
      assert.equal(lock.locked(), true);
      assert.equal(cond.locked(), true);
    }
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
    {
      using _held = yield* lock.hold();
      assert.equal(lock.locked(), true);
      assert.equal(cond.locked(), true);
    }
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
  }
  yield* f();
  yield* f(new Lock());
  const lock = new Lock();
  yield* f(lock, new Condition(lock));
});

port("test_ambiguous_loops", async (loop) => {
  // a primitive first used on one loop refuses another: "is bound to a different event loop"
  const other = new EventLoop({ clock: "virtual" });
  const lock = new Lock();
  const cond = new Condition(lock);
  await loop.runUntilComplete((function* () {
    yield* lock.acquire();
    createTask(cond.acquire()); // waits on the lock: binds it to this loop
    yield* sleep(0);
    lock.release();
    yield* sleep(0);
    cond.release();
  })());
  await assert.rejects(
    other.runUntilComplete((function* () {
      yield* lock.acquire();
      yield* cond.acquire();
    })()),
    (e) => e instanceof RuntimeError && /is bound to a different event loop/.test(e.message),
  );
  other.close();
});

port("test_timeout_in_block", function* () {
  const condition = new Condition();
  using _held = yield* condition.hold();
  yield* assertRaises(waitFor(condition.wait(), 0.5), TimeoutError);
});

port("test_lock", function* () {
  const lock = new Lock();
  // CPython: `await lock` is a TypeError ("can't be used in 'await' expression")
  yield* assertRaises(
    (function* () {
      yield* (lock as unknown as Coroutine<unknown>);
    })(),
    TypeError,
  );
  assert.equal(lock.locked(), false);
});

// ---------------------------------------------------------------- SemaphoreTests

/** The semaphore's free places, as its description shows (CPython: `sem._value`). */
function value(sem: Semaphore): number {
  return Number(/value (-?\d+)/.exec(String(sem))![1]);
}

port("test_initial_value_zero", () => {
  assert.equal(new Semaphore(0).locked(), true);
});

port("SemaphoreTests.test_repr", function* () {
  const sem = new Semaphore();
  assert.match(String(sem), /^<Semaphore value 1, 0 waiting>$/);
  yield* sem.acquire();
  assert.match(String(sem), /^<Semaphore value 0, 0 waiting>$/);
  const w1 = createTask(sem.acquire());
  yield* sleep(0);
  assert.equal(waiting(sem), 1);
  const w2 = createTask(sem.acquire());
  yield* sleep(0);
  assert.equal(waiting(sem), 2);
  w1.cancel();
  w2.cancel();
  yield* sleep(0);
});

port("test_semaphore", function* () {
  const sem = new Semaphore();
  assert.equal(value(sem), 1);
  yield* assertRaises(
    (function* () {
      yield* (sem as unknown as Coroutine<unknown>);
    })(),
    TypeError,
  );
  assert.equal(sem.locked(), false);
  assert.equal(value(sem), 1);
});

port("test_semaphore_value", () => {
  assert.throws(() => new Semaphore(-1), ValueError);
});

port("SemaphoreTests.test_acquire", function* () {
  const sem = new Semaphore(3);
  const result: number[] = [];
  assert.equal(yield* sem.acquire(), true);
  assert.equal(yield* sem.acquire(), true);
  assert.equal(sem.locked(), false);
  function* c(n: number): Coroutine<boolean> {
    yield* sem.acquire();
    result.push(n);
    return true;
  }
  const t1 = createTask(c(1)), t2 = createTask(c(2)), t3 = createTask(c(3));
  yield* sleep(0);
  assert.deepEqual(result, [1]);
  assert.equal(sem.locked(), true);
  assert.equal(waiting(sem), 2);
  assert.equal(value(sem), 0);
  const t4 = createTask(c(4));
  sem.release();
  sem.release();
  assert.equal(value(sem), 0);
  yield* sleep(0);
  assert.equal(value(sem), 0);
  assert.equal(result.length, 3);
  assert.equal(sem.locked(), true);
  assert.equal(waiting(sem), 1);
  assert.equal(t1.result(), true);
  const raceTasks = [t2, t3, t4];
  assert.equal(raceTasks.filter((t) => t.done() && t.result()).length, 2);
  sem.release();
  yield* gather(...raceTasks);
});

port("SemaphoreTests.test_acquire_cancel", function* () {
  const sem = new Semaphore();
  yield* sem.acquire();
  const acquire = createTask(sem.acquire());
  getRunningLoop().callSoon(() => acquire.cancel());
  yield* assertRaises(acquire[Symbol.iterator](), CancelledError);
  assert.equal(waiting(sem), 0);
});

port("test_acquire_cancel_before_awoken", function* () {
  const sem = new Semaphore(0);
  const [t1, t2, t3, t4] = [0, 1, 2, 3].map(() => createTask(sem.acquire()));
  yield* sleep(0);
  t1.cancel();
  t2.cancel();
  sem.release();
  yield* sleep(0);
  yield* sleep(0);
  assert.equal([t3, t4].filter((t) => t.done()).length, 1);
  assert.equal(t3.done(), true);
  assert.equal(t4.done(), false);
  t3.cancel();
  t4.cancel();
  yield* sleep(0);
});

port("test_acquire_hang", function* () {
  const sem = new Semaphore(0);
  const t1 = createTask(sem.acquire()), t2 = createTask(sem.acquire());
  yield* sleep(0);
  t1.cancel();
  sem.release();
  yield* sleep(0);
  yield* sleep(0);
  assert.equal(sem.locked(), true);
  assert.equal(t2.done(), true);
});

port("test_acquire_no_hang", function* () {
  const sem = new Semaphore(1);
  function* c1(): Coroutine<void> {
    {
      using _held = yield* sem.hold();
      yield* sleep(0);
    }
    t2.cancel();
  }
  function* c2(): Coroutine<void> {
    using _held = yield* sem.hold();
    assert.fail("c2 must never get the semaphore");
  }
  const t1 = createTask(c1());
  const t2: Task<void> = createTask(c2());
  const [r1, r2] = yield* gather([t1, t2], { returnExceptions: true });
  assert.equal(r1, undefined);
  assert.ok(r2 instanceof CancelledError);
  yield* waitFor(sem.acquire(), 1);
});

port("SemaphoreTests.test_release_not_acquired", () => {
  assert.throws(() => new BoundedSemaphore().release(), ValueError);
});

port("SemaphoreTests.test_release_no_waiters", function* () {
  const sem = new Semaphore();
  yield* sem.acquire();
  assert.equal(sem.locked(), true);
  sem.release();
  assert.equal(sem.locked(), false);
});

port("test_acquire_fifo_order", function* () {
  const sem = new Semaphore(1);
  const result: string[] = [];
  function* coro(tag: string): Coroutine<void> {
    yield* sem.acquire();
    result.push(`${tag}_1`);
    yield* sleep(0.01);
    sem.release();
    yield* sem.acquire();
    result.push(`${tag}_2`);
    yield* sleep(0.01);
    sem.release();
  }
  yield* taskGroup((tg) => {
    tg.createTask(coro("c1"));
    tg.createTask(coro("c2"));
    tg.createTask(coro("c3"));
  });
  assert.deepEqual(result, ["c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"]);
});

port("test_acquire_fifo_order_2", function* () {
  const sem = new Semaphore(1);
  const result: number[] = [];
  function* c1(): Coroutine<boolean> {
    yield* sem.acquire();
    result.push(1);
    return true;
  }
  function* c2(): Coroutine<boolean> {
    yield* sem.acquire();
    result.push(2);
    sem.release();
    yield* sem.acquire();
    result.push(4);
    return true;
  }
  function* c3(): Coroutine<boolean> {
    yield* sem.acquire();
    result.push(3);
    return true;
  }
  const tasks = [createTask(c1()), createTask(c2()), createTask(c3())];
  yield* sleep(0);
  sem.release();
  sem.release();
  yield* gather(...tasks);
  assert.deepEqual(result, [1, 2, 3, 4]);
});

port("test_acquire_fifo_order_3", function* () {
  const sem = new Semaphore(0);
  const result: number[] = [];
  function* c(n: number): Coroutine<boolean> {
    yield* sem.acquire();
    result.push(n);
    return true;
  }
  const [t1, t2, t3] = [1, 2, 3].map((n) => createTask(c(n)));
  yield* sleep(0);
  t1.cancel();
  yield* sleep(0);
  sem.release();
  sem.release();
  yield* gather([t1, t2, t3], { returnExceptions: true });
  assert.deepEqual(result, [2, 3]);
});

// ---------------------------------------------------------------- BarrierTests
// `async with barrier as i:` is `const i = yield* barrier.wait()` (its exit does nothing).

const N = 5;

/** CPython's gather_tasks: n tasks of `coro`, gathered; their results and the tasks. */
function* gatherTasks<T>(n: number, coro: () => Coroutine<T>): Coroutine<[T[], Task<T>[]]> {
  const tasks = Array.from({ length: n }, () => createTask(coro()));
  return [(yield* gather(tasks)) as T[], tasks];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

port("test_barrier", function* () {
  const barrier = new Barrier(N);
  assert.match(String(barrier), /filling/);
  yield* assertRaises(
    (function* () {
      yield* (barrier as unknown as Coroutine<unknown>);
    })(),
    TypeError,
  );
  assert.match(String(barrier), /filling/);
});

port("BarrierTests.test_repr", function* () {
  const barrier = new Barrier(N);
  assert.match(String(barrier), /filling/);
  const waiters: Task<number>[] = [];
  const incr = 2;
  for (let i = 0; i < incr; i++) waiters.push(createTask(barrier.wait()));
  yield* sleep(0);
  assert.match(String(barrier), new RegExp(`${incr}/${N} waiting`));
  assert.match(String(barrier), /filling/);
  for (let i = 0; i < barrier.parties - barrier.nWaiting; i++) {
    waiters.push(createTask(barrier.wait()));
  }
  yield* sleep(0);
  assert.match(String(barrier), /draining/);
  for (let i = 0; i < incr; i++) waiters.push(createTask(barrier.wait()));
  yield* sleep(0);
  yield* barrier.reset();
  assert.match(String(barrier), /resetting/);
  for (let i = 0; i < incr; i++) waiters.push(createTask(barrier.wait()));
  yield* sleep(0);
  yield* barrier.abort();
  assert.match(String(barrier), /broken/);
  assert.equal(barrier.broken, true);
  yield* gather(waiters, { returnExceptions: true });
});

port("test_barrier_parties", () => {
  assert.throws(() => new Barrier(0), ValueError);
  assert.throws(() => new Barrier(-4), ValueError);
  assert.ok(new Barrier(N) instanceof Barrier);
});

port("BarrierTests.test_context_manager", function* () {
  const n = 3;
  const barrier = new Barrier(n);
  const results: number[] = [];
  yield* gatherTasks(n, function* () {
    results.push(yield* barrier.wait());
  });
  assert.deepEqual(results.sort(), range(n));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_filling_one_task", function* () {
  const barrier = new Barrier(1);
  function* f(): Coroutine<boolean> {
    yield* barrier.wait();
    return true;
  }
  assert.equal(yield* f(), true);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_filling_one_task_twice", function* () {
  const barrier = new Barrier(1);
  const t1 = createTask(barrier.wait());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 0);
  const t2 = createTask(barrier.wait());
  yield* sleep(0);
  assert.equal(t1.result(), t2.result());
  assert.equal(t1.done(), t2.done());
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_filling_task_by_task", function* () {
  const barrier = new Barrier(3);
  const t1 = createTask(barrier.wait());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 1);
  assert.match(String(barrier), /filling/);
  const t2 = createTask(barrier.wait());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 2);
  assert.match(String(barrier), /filling/);
  const t3 = createTask(barrier.wait());
  yield* sleep(0);
  yield* wait([t1, t2, t3]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_filling_tasks_wait_twice", function* () {
  const barrier = new Barrier(N);
  const results: boolean[] = [];
  yield* gatherTasks(N, function* () {
    yield* barrier.wait();
    results.push(true);
    yield* barrier.wait();
    results.push(false);
  });
  assert.equal(results.length, N * 2);
  assert.equal(results.filter((r) => r).length, N);
  assert.equal(results.filter((r) => !r).length, N);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_filling_tasks_check_return_value", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [];
  const [res] = yield* gatherTasks(N, function* () {
    yield* barrier.wait();
    results1.push(true);
    const i = yield* barrier.wait();
    results2.push(true);
    return i;
  });
  assert.equal(results1.length, N);
  assert.equal(results2.length, N);
  assert.deepEqual([...res].sort(), range(N));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_draining_state", function* () {
  const barrier = new Barrier(N);
  const results: boolean[] = [];
  yield* gatherTasks(N, function* () {
    yield* barrier.wait();
    results.push(/draining/.test(String(barrier))); // the last one out sees filling again
  });
  assert.equal(results.length, N);
  assert.equal(results.at(-1), false);
  assert.ok(results.slice(0, N - 1).every((r) => r));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_blocking_tasks_while_draining", function* () {
  const rewait = 2;
  const barrier = new Barrier(N), barrierNowaiting = new Barrier(N - rewait);
  let rewaitN = rewait;
  yield* gatherTasks(N, function* () {
    yield* barrier.wait();
    if (rewaitN > 0) {
      rewaitN -= 1;
      yield* barrier.wait();
    } else {
      yield* barrierNowaiting.wait();
      yield* barrier.wait();
    }
  });
});

port("test_filling_tasks_cancel_one", function* () {
  const barrier = new Barrier(3);
  const results: boolean[] = [];
  function* coro(): Coroutine<void> {
    yield* barrier.wait();
    results.push(true);
  }
  const t1 = createTask(coro());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 1);
  const t2 = createTask(coro());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 2);
  t1.cancel();
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 1);
  yield* assertRaises(t1[Symbol.iterator](), CancelledError);
  assert.equal(t1.cancelled(), true);
  const t3 = createTask(coro());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 2);
  const t4 = createTask(coro());
  yield* gather(t2, t3, t4);
  assert.equal(results.length, 3);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_reset_barrier", function* () {
  const barrier = new Barrier(1);
  createTask(barrier.reset());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

port("test_reset_barrier_while_tasks_waiting", function* () {
  const barrier = new Barrier(N);
  const results: boolean[] = [];
  function* coro(): Coroutine<void> {
    try {
      yield* barrier.wait();
    } catch (error) {
      if (!(error instanceof BrokenBarrierError)) throw error;
      results.push(true);
    }
  }
  const tasks = range(N - 1).map(() => createTask(coro()));
  yield* sleep(0);
  createTask(barrier.reset());
  yield* gather(tasks);
  assert.equal(results.length, N - 1);
  assert.equal(barrier.nWaiting, 0);
  assert.doesNotMatch(String(barrier), /resetting/);
  assert.equal(barrier.broken, false);
});

port("test_reset_barrier_when_tasks_half_draining_half_blocking", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [];
  const blockingTasks = Math.floor(N / 2);
  let count = 0;
  yield* gatherTasks(N, function* () {
    try {
      yield* barrier.wait();
    } catch (error) {
      if (!(error instanceof BrokenBarrierError)) throw error;
      results1.push(true); // still waiting when reset
      yield* barrier.wait();
      return;
    }
    count += 1;
    if (count > blockingTasks) {
      yield* barrier.reset();
      yield* barrier.wait();
    } else {
      try {
        yield* barrier.wait();
      } catch (error) {
        if (!(error instanceof BrokenBarrierError)) throw error;
        results2.push(true);
      }
    }
  });
  assert.deepEqual(results1, range(blockingTasks).map(() => true));
  assert.deepEqual(results2, []);
  assert.equal(barrier.nWaiting, 0);
  assert.doesNotMatch(String(barrier), /resetting/);
  assert.equal(barrier.broken, false);
});

port("test_reset_barrier_while_tasks_waiting_and_waiting_again", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [];
  function* coro1(): Coroutine<void> {
    try {
      yield* barrier.wait();
    } catch (error) {
      if (!(error instanceof BrokenBarrierError)) throw error;
      results1.push(true);
    } finally {
      yield* barrier.wait();
      results2.push(true);
    }
  }
  function* coro2(): Coroutine<void> {
    yield* barrier.wait();
    results2.push(true);
  }
  const tasks = range(N - 1).map(() => createTask(coro1()));
  createTask(barrier.reset());
  yield* sleep(0);
  createTask(coro2());
  yield* gather(tasks);
  assert.equal(barrier.broken, false);
  assert.equal(results1.length, N - 1);
  assert.equal(results2.length, N);
  assert.equal(barrier.nWaiting, 0);
});

port("test_reset_barrier_while_tasks_draining", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [], results3: boolean[] = [];
  let count = 0;
  yield* gatherTasks(N, function* () {
    yield* barrier.wait();
    count += 1;
    if (count === N) {
      yield* barrier.reset(); // the last task out
      yield* barrier.wait();
    } else {
      try {
        yield* barrier.wait();
        results1.push(true);
      } catch {
        results2.push(true); // never
      }
    }
    yield* barrier.wait();
    results3.push(true);
  });
  assert.equal(barrier.broken, false);
  assert.equal(results1.length, N - 1);
  assert.equal(results2.length, 0);
  assert.equal(results3.length, N);
  assert.equal(barrier.nWaiting, 0);
});

port("test_abort_barrier", function* () {
  const barrier = new Barrier(1);
  createTask(barrier.abort());
  yield* sleep(0);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, true);
});

port("test_abort_barrier_when_tasks_half_draining_half_blocking", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [];
  const blockingTasks = Math.floor(N / 2);
  let count = 0;
  yield* gatherTasks(N, function* () {
    try {
      yield* barrier.wait();
    } catch (error) {
      if (!(error instanceof BrokenBarrierError)) throw error;
      results1.push(true);
      return;
    }
    count += 1;
    if (count > blockingTasks) {
      yield* barrier.abort();
    } else {
      try {
        yield* barrier.wait();
      } catch (error) {
        if (!(error instanceof BrokenBarrierError)) throw error;
        results2.push(true);
      }
    }
  });
  assert.equal(barrier.broken, true);
  assert.deepEqual(results1, range(blockingTasks).map(() => true));
  assert.deepEqual(results2, range(N - blockingTasks - 1).map(() => true));
  assert.equal(barrier.nWaiting, 0);
  assert.doesNotMatch(String(barrier), /resetting/);
});

port("test_abort_barrier_when_exception", function* () {
  const barrier = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [];
  yield* gatherTasks(N, function* () {
    try {
      const i = yield* barrier.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeError("");
      yield* barrier.wait();
      results1.push(true);
    } catch (error) {
      if (error instanceof BrokenBarrierError) results2.push(true);
      else if (error instanceof RuntimeError) yield* barrier.abort();
      else throw error;
    }
  });
  assert.equal(barrier.broken, true);
  assert.equal(results1.length, 0);
  assert.equal(results2.length, N - 1);
  assert.equal(barrier.nWaiting, 0);
});

port("test_abort_barrier_when_exception_then_resetting", function* () {
  const barrier1 = new Barrier(N), barrier2 = new Barrier(N);
  const results1: boolean[] = [], results2: boolean[] = [], results3: boolean[] = [];
  yield* gatherTasks(N, function* () {
    try {
      const i = yield* barrier1.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeError("");
      yield* barrier1.wait();
      results1.push(true);
    } catch (error) {
      if (error instanceof BrokenBarrierError) results2.push(true);
      else if (error instanceof RuntimeError) yield* barrier1.abort();
      else throw error;
    }
    const i = yield* barrier2.wait();
    if (i === Math.floor(N / 2)) yield* barrier1.reset();
    yield* barrier2.wait();
    yield* barrier1.wait();
    results3.push(true);
  });
  assert.equal(barrier1.broken, false);
  assert.equal(results1.length, 0);
  assert.equal(results2.length, N - 1);
  assert.equal(results3.length, N);
  assert.equal(barrier1.nWaiting, 0);
});
