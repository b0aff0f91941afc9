// CPython's Lib/test/test_asyncio/test_queues.py (3.11, and the shutdown tests of 3.13), ported
// to the course's API: each test is named after the CPython test it ports. CPython reads the
// private `_getters`/`_putters` lists; the course shows the same counts in `String(queue)`.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  createTask,
  Event,
  getRunningLoop,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  sleep,
  taskGroup,
  TimeoutError,
  ValueError,
  waitFor,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { cpython } from "./_port.ts";

const { port } = cpython("test_queues");

/** Waiting getters or putters, as the queue's description says (CPython: `len(q._getters)`). */
function waitingIn(q: Queue<unknown>, kind: "getters" | "putters"): number {
  return Number(new RegExp(`(\\d+) ${kind} waiting`).exec(String(q))?.[1] ?? 0);
}

// QueueBasicTests

for (const name of ["test_repr", "test_str"]) {
  // repr and str are one toString here (no object id in either)
  port(name, function* () {
    let q = new Queue<number>();
    assert.match(String(q), /^<Queue/);
    q = new Queue<number>();
    let getter = null as unknown as ReturnType<typeof createTask<number>>;
    yield* taskGroup(function* (tg) {
      getter = tg.createTask(q.get());
      yield* sleep(0);
      assert.equal(waitingIn(q, "getters"), 1);
      q.putNowait(0);
    });
    assert.equal(yield* getter, 0);
    q = new Queue<number>({ maxsize: 1 });
    let putter = null as unknown as ReturnType<typeof createTask<void>>;
    yield* taskGroup(function* (tg) {
      q.putNowait(1);
      putter = tg.createTask(q.put(2));
      yield* sleep(0);
      assert.equal(waitingIn(q, "putters"), 1);
      q.getNowait();
    });
    assert.equal(putter.done(), true);
    q = new Queue<number>();
    q.putNowait(1);
    assert.match(String(q), /1 items/);
  });
}

port("test_empty", function* () {
  const q = new Queue<number>();
  assert.equal(q.empty(), true);
  yield* q.put(1);
  assert.equal(q.empty(), false);
  assert.equal(yield* q.get(), 1);
  assert.equal(q.empty(), true);
});

port("test_full", function* () {
  let q = new Queue<number>();
  assert.equal(q.full(), false);
  q = new Queue<number>({ maxsize: 1 });
  yield* q.put(1);
  assert.equal(q.full(), true);
});

port("QueueBasicTests.test_order", function* () {
  const q = new Queue<number>();
  for (const i of [1, 3, 2]) yield* q.put(i);
  const items = [yield* q.get(), yield* q.get(), yield* q.get()];
  assert.deepEqual(items, [1, 3, 2]);
});

port("test_maxsize", function* () {
  const q = new Queue<number>({ maxsize: 2 });
  assert.equal(q.maxsize, 2);
  const haveBeenPut: number[] = [];
  function* putter(): Coroutine<boolean> {
    for (let i = 0; i < 3; i++) {
      yield* q.put(i);
      haveBeenPut.push(i);
    }
    return true;
  }
  const t = createTask(putter());
  for (let i = 0; i < 2; i++) yield* sleep(0);
  assert.deepEqual(haveBeenPut, [0, 1]); // blocked after two
  assert.equal(yield* q.get(), 0);
  yield* sleep(0);
  assert.deepEqual(haveBeenPut, [0, 1, 2]);
  assert.equal(yield* q.get(), 1);
  assert.equal(yield* q.get(), 2);
  assert.equal(t.result(), true);
});

// QueueGetTests

port("test_blocking_get", function* () {
  const q = new Queue<number>();
  q.putNowait(1);
  assert.equal(yield* q.get(), 1);
});

port("test_get_with_putters", function* () {
  // (CPython appends a bare future to _putters; here a real putter waits)
  const q = new Queue<number>({ maxsize: 1 });
  yield* q.put(1);
  const putter = createTask(q.put(2));
  yield* sleep(0);
  assert.equal(yield* q.get(), 1);
  yield* sleep(0);
  assert.equal(putter.done(), true);
  assert.equal(putter.result(), undefined);
});

port("test_blocking_get_wait", function* () {
  const loop = getRunningLoop();
  const q = new Queue<number>();
  const started = new Event();
  let finished = false;
  function* queueGet(): Coroutine<number> {
    started.set();
    const res = yield* q.get();
    finished = true;
    return res;
  }
  const task = createTask(queueGet());
  yield* started.wait();
  assert.equal(finished, false);
  loop.callLater(0.01, () => q.putNowait(1));
  assert.equal(yield* task, 1);
  assert.equal(finished, true);
});

port("test_nonblocking_get", () => {
  const q = new Queue<number>();
  q.putNowait(1);
  assert.equal(q.getNowait(), 1);
});

port("test_nonblocking_get_exception", () => {
  assert.throws(() => new Queue().getNowait(), QueueEmpty);
});

port("test_get_cancelled_race", function* () {
  const q = new Queue<string>();
  const t1 = createTask(q.get()), t2 = createTask(q.get());
  yield* sleep(0);
  t1.cancel();
  yield* sleep(0);
  assert.equal(t1.done(), true);
  yield* q.put("a");
  yield* sleep(0);
  assert.equal(yield* t2, "a");
});

port("test_get_with_waiting_putters", function* () {
  const q = new Queue<string>({ maxsize: 1 });
  createTask(q.put("a"));
  createTask(q.put("b"));
  assert.equal(yield* q.get(), "a");
  assert.equal(yield* q.get(), "b");
});

port("test_why_are_getters_waiting", function* () {
  function* consumer(queue: Queue<number>, numExpected: number): Coroutine<void> {
    for (let i = 0; i < numExpected; i++) yield* queue.get();
  }
  function* producer(queue: Queue<number>, numItems: number): Coroutine<void> {
    for (let i = 0; i < numItems; i++) yield* queue.put(i);
  }
  const q = new Queue<number>({ maxsize: 1 });
  yield* taskGroup((tg) => {
    tg.createTask(producer(q, 5));
    tg.createTask(consumer(q, 5));
  });
});

port("test_cancelled_getters_not_being_held_in_self_getters", function* () {
  const queue = new Queue<number>({ maxsize: 5 });
  yield* assertRaises(waitFor(queue.get(), 0.1), TimeoutError);
  assert.equal(waitingIn(queue, "getters"), 0);
});

// QueuePutTests

port("test_blocking_put", function* () {
  const q = new Queue<number>();
  yield* q.put(1); // no maxsize: does not block
  assert.equal(yield* q.get(), 1);
});

port("test_blocking_put_wait", function* () {
  const q = new Queue<number>({ maxsize: 1 });
  const started = new Event();
  let finished = false;
  function* queuePut(): Coroutine<void> {
    started.set();
    yield* q.put(1);
    yield* q.put(2);
    finished = true;
  }
  getRunningLoop().callLater(0.01, () => q.getNowait());
  const task = createTask(queuePut());
  yield* started.wait();
  assert.equal(finished, false);
  yield* task;
  assert.equal(finished, true);
});

port("test_nonblocking_put", () => {
  const q = new Queue<number>();
  q.putNowait(1);
  assert.equal(q.getNowait(), 1);
});

port("test_get_cancel_drop_one_pending_reader", function* () {
  const q = new Queue<number>();
  let reader = createTask(q.get());
  yield* sleep(0);
  q.putNowait(1);
  q.putNowait(2);
  reader.cancel();
  try {
    yield* reader;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    reader = createTask(q.get()); // try again
    yield* reader;
  }
  assert.equal(reader.result(), 1); // 2 would mean 1 was dropped
});

port("test_get_cancel_drop_many_pending_readers", function* () {
  const q = new Queue<number>();
  let reader2 = null as unknown as ReturnType<typeof createTask<number>>;
  let reader3 = reader2;
  yield* taskGroup(function* (tg) {
    const reader1 = tg.createTask(q.get());
    reader2 = tg.createTask(q.get());
    reader3 = tg.createTask(q.get());
    yield* sleep(0);
    q.putNowait(1);
    q.putNowait(2);
    reader1.cancel();
    yield* assertRaises(reader1[Symbol.iterator](), CancelledError);
    yield* reader3;
  });
  assert.deepEqual(new Set([reader2.result(), reader3.result()]), new Set([1, 2]));
});

port("test_put_cancel_drop", function* () {
  const q = new Queue<number>({ maxsize: 1 });
  q.putNowait(1);
  let writer = createTask(q.put(2)); // blocks: the queue is full
  yield* sleep(0);
  assert.equal(q.getNowait(), 1);
  writer.cancel();
  try {
    yield* writer;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    writer = createTask(q.put(2));
    yield* writer;
  }
  assert.equal(q.getNowait(), 2);
  assert.equal(q.qsize(), 0);
});

port("test_nonblocking_put_exception", () => {
  const q = new Queue<number>({ maxsize: 1 });
  q.putNowait(1);
  assert.throws(() => q.putNowait(2), QueueFull);
});

port("test_float_maxsize", function* () {
  let q = new Queue<number>({ maxsize: 1.3 });
  q.putNowait(1);
  q.putNowait(2);
  assert.equal(q.full(), true);
  assert.throws(() => q.putNowait(3), QueueFull);
  q = new Queue<number>({ maxsize: 1.3 });
  yield* q.put(1);
  yield* q.put(2);
  assert.equal(q.full(), true);
});

port("test_put_cancelled", function* () {
  const q = new Queue<number>();
  function* queuePut(): Coroutine<boolean> {
    yield* q.put(1);
    return true;
  }
  const t = createTask(queuePut());
  assert.equal(yield* q.get(), 1);
  assert.equal(t.done(), true);
  assert.equal(t.result(), true);
});

port("test_put_cancelled_race", function* () {
  const q = new Queue<string>({ maxsize: 1 });
  const putA = createTask(q.put("a")), putB = createTask(q.put("b"));
  const putC = createTask(q.put("X"));
  yield* sleep(0);
  assert.equal(putA.done(), true);
  assert.equal(putB.done(), false);
  putC.cancel();
  yield* sleep(0);
  assert.equal(putC.done(), true);
  assert.equal(q.getNowait(), "a");
  yield* sleep(0);
  assert.equal(q.getNowait(), "b");
  yield* putB;
});

port("test_put_with_waiting_getters", function* () {
  const q = new Queue<string>();
  const t = createTask(q.get());
  yield* sleep(0);
  yield* q.put("a");
  assert.equal(yield* t, "a");
});

port("test_why_are_putters_waiting", function* () {
  const queue = new Queue<number>({ maxsize: 2 });
  function* putter(item: number): Coroutine<void> {
    yield* queue.put(item);
  }
  function* getter(): Coroutine<void> {
    yield* sleep(0);
    const num = queue.qsize();
    for (let i = 0; i < num; i++) queue.getNowait();
  }
  yield* taskGroup((tg) => {
    tg.createTask(getter());
    for (const i of [0, 1, 2, 3]) tg.createTask(putter(i));
  });
});

port("test_cancelled_puts_not_being_held_in_self_putters", function* () {
  const queue = new Queue<number>({ maxsize: 1 });
  queue.putNowait(1);
  const putTask = createTask(queue.put(1));
  yield* sleep(0);
  assert.equal(waitingIn(queue, "putters"), 1);
  putTask.cancel();
  yield* assertRaises(putTask[Symbol.iterator](), CancelledError);
  assert.equal(waitingIn(queue, "putters"), 0);
});

port("test_cancelled_put_silence_value_error_exception", function* () {
  const queue = new Queue<number>({ maxsize: 1 });
  queue.putNowait(1);
  const putTask = createTask(queue.put(1));
  yield* sleep(0);
  queue.getNowait(); // wakes the putter
  putTask.cancel();
  yield* assertRaises(putTask[Symbol.iterator](), CancelledError);
});

port("LifoQueueTests.test_order", function* () {
  const q = new LifoQueue<number>();
  for (const i of [1, 3, 2]) yield* q.put(i);
  assert.deepEqual([yield* q.get(), yield* q.get(), yield* q.get()], [2, 3, 1]);
});

port("PriorityQueueTests.test_order", function* () {
  const q = new PriorityQueue<number>();
  for (const i of [1, 3, 2]) yield* q.put(i);
  assert.deepEqual([yield* q.get(), yield* q.get(), yield* q.get()], [1, 2, 3]);
});

// _QueueJoinTestMixin and _QueueShutdownTestMixin, for each queue class

const queueClasses = [
  ["Queue", Queue],
  ["LifoQueue", LifoQueue],
  ["PriorityQueue", PriorityQueue],
] as const;

for (const [kind, QueueClass] of queueClasses) {
  const make = (maxsize = 0) => new QueueClass<unknown>({ maxsize }) as Queue<unknown>;

  port(`${kind}JoinTests.test_task_done_underflow`, () => {
    assert.throws(() => make().taskDone(), ValueError);
  });

  port(`${kind}JoinTests.test_task_done`, function* () {
    const q = make();
    for (let i = 0; i < 100; i++) q.putNowait(i);
    let accumulator = 0;
    let running = true;
    function* worker(): Coroutine<void> {
      while (running) {
        accumulator += (yield* q.get()) as number;
        q.taskDone();
      }
    }
    yield* taskGroup(function* (tg) {
      const tasks = [tg.createTask(worker()), tg.createTask(worker())];
      yield* q.join();
      assert.equal(accumulator, 4950);
      running = false;
      for (let i = 0; i < tasks.length; i++) q.putNowait(0);
    });
  });

  port(`${kind}JoinTests.test_join_empty_queue`, function* () {
    const q = make();
    yield* q.join();
    yield* q.join();
  });

  port(`${kind}JoinTests.test_format`, () => {
    const q = make();
    assert.match(String(q), /maxsize 0/);
    q.putNowait(1);
    q.putNowait(2); // (CPython sets _unfinished_tasks = 2 by hand)
    assert.match(String(q), /2 tasks/);
  });

  port(`${kind}ShutdownTests.test_format`, () => {
    const q = make();
    q.shutdown();
    assert.match(String(q), /maxsize 0.*shut down/);
  });

  port(`${kind}ShutdownTests.test_shutdown_empty`, function* () {
    const q = make();
    const getTask = createTask(q.get());
    yield* sleep(0); // the get is pending before the shutdown
    q.shutdown({ immediate: false });
    assert.equal(q.qsize(), 0);
    yield* q.join();
    yield* sleep(0);
    assert.equal(getTask.done(), true);
    yield* assertRaises(getTask[Symbol.iterator](), QueueShutDown);
    yield* assertRaises(q.put("data"), QueueShutDown);
    assert.throws(() => q.putNowait("data"), QueueShutDown);
    yield* assertRaises(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
  });

  port(`${kind}ShutdownTests.test_shutdown_nonempty`, function* () {
    const q = make(1);
    q.putNowait("data");
    const joinTask = createTask(q.join());
    const putTask = createTask(q.put("data2"));
    yield* sleep(0);
    assert.equal(putTask.done(), false);
    q.shutdown({ immediate: false });
    assert.equal(q.qsize(), 1);
    yield* sleep(0);
    assert.equal(putTask.done(), true);
    yield* assertRaises(putTask[Symbol.iterator](), QueueShutDown);
    assert.equal(yield* q.get(), "data");
    yield* sleep(0);
    assert.equal(joinTask.done(), false);
    yield* assertRaises(q.put("data"), QueueShutDown);
    assert.throws(() => q.putNowait("data"), QueueShutDown);
    yield* assertRaises(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
    q.taskDone();
    yield* sleep(0);
    assert.equal(joinTask.done(), true);
    yield* joinTask;
    assert.throws(() => q.taskDone(), ValueError);
  });

  port(`${kind}ShutdownTests.test_shutdown_immediate`, function* () {
    const q = make();
    q.putNowait("data");
    const joinTask = createTask(q.join());
    q.shutdown({ immediate: true });
    assert.equal(q.qsize(), 0);
    yield* sleep(0);
    assert.equal(joinTask.done(), true);
    yield* joinTask;
    yield* assertRaises(q.put("data"), QueueShutDown);
    assert.throws(() => q.putNowait("data"), QueueShutDown);
    yield* assertRaises(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
    assert.throws(() => q.taskDone(), ValueError);
  });

  port(`${kind}ShutdownTests.test_shutdown_immediate_with_unfinished`, function* () {
    const q = make();
    q.putNowait("data");
    q.putNowait("data");
    const joinTask = createTask(q.join());
    assert.equal(yield* q.get(), "data");
    q.shutdown({ immediate: true }); // unfinished tasks: 2 -> 1
    assert.equal(q.qsize(), 0);
    yield* sleep(0);
    assert.equal(joinTask.done(), false);
    yield* assertRaises(q.put("data"), QueueShutDown);
    assert.throws(() => q.putNowait("data"), QueueShutDown);
    yield* assertRaises(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
    q.taskDone();
    assert.throws(() => q.taskDone(), ValueError);
    yield* sleep(0);
    assert.equal(joinTask.done(), true);
    yield* joinTask;
  });
}
