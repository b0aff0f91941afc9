// Queue, PriorityQueue, LifoQueue, ported from CPython's Lib/test/test_asyncio/test_queues.py.
import assert from "node:assert/strict";
import {
  CancelledError,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  sleep,
  TimeoutError,
  ValueError,
  waitFor,
} from "@course/lib";
import { co, gathered, recordingLoop, runBriefly } from "./_helpers.ts";

Deno.test("Queue test_empty / test_full / test_order", () => {
  const q = new Queue<number>();
  assert.equal(q.empty(), true);
  assert.equal(q.full(), false);
  for (const i of [1, 3, 2]) q.putNowait(i);
  assert.equal(q.empty(), false);
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [1, 3, 2]);
  const one = new Queue<number>({ maxsize: 1 });
  one.putNowait(1);
  assert.equal(one.full(), true);
});

Deno.test("Queue test_maxsize: a putter blocks after maxsize items until one is taken", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>({ maxsize: 2 });
  assert.equal(q.maxsize, 2);
  const havePut: number[] = [];
  await loop.runUntilComplete(co(function* () {
    const t = loop.createTask(co(function* () {
      for (let i = 0; i < 3; i++) {
        yield* q.put(i);
        havePut.push(i);
      }
      return true;
    }));
    yield* sleep(0.01);
    assert.deepEqual(havePut, [0, 1]);
    assert.equal(q.getNowait(), 0);
    yield* sleep(0.01);
    assert.deepEqual(havePut, [0, 1, 2]);
    assert.equal(q.getNowait(), 1);
    assert.equal(q.getNowait(), 2);
    assert.equal(t.result(), true);
  }));
  assert.ok(Math.abs(loop.time() - 0.02) < 1e-12);
  loop.close();
});

Deno.test("Queue test_nonblocking_get_exception / test_nonblocking_put_exception", () => {
  assert.throws(() => new Queue().getNowait(), QueueEmpty);
  const q = new Queue<number>({ maxsize: 1 });
  q.putNowait(1);
  assert.throws(() => q.putNowait(2), QueueFull);
});

Deno.test("Queue test_blocking_get_wait: get waits until an item is put", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  loop.callLater(0.01, () => q.putNowait(1));
  assert.equal(await loop.runUntilComplete(q.get()), 1);
  assert.equal(loop.time(), 0.01);
  loop.close();
});

Deno.test("Queue test_get_cancelled: a get inside waitFor gets the item in time", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  const result = await loop.runUntilComplete(co(function* () {
    const getTask = loop.createTask(waitFor(q.get(), 0.051));
    yield* sleep(0.01);
    q.putNowait(1);
    return yield* getTask;
  }));
  assert.equal(result, 1);
  loop.close();
});

Deno.test("Queue test_get_cancelled_race: a cancelled getter does not swallow the item", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<string>();
  const t1 = loop.createTask(q.get()), t2 = loop.createTask(q.get());
  await runBriefly(loop);
  t1.cancel();
  await runBriefly(loop);
  assert.equal(t1.done(), true);
  q.putNowait("a");
  await runBriefly(loop);
  assert.equal(t2.result(), "a");
  loop.close();
});

Deno.test("Queue test_get_with_waiting_putters: items come out in the order put", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<string>({ maxsize: 1 });
  loop.createTask(q.put("a"));
  loop.createTask(q.put("b"));
  await runBriefly(loop);
  assert.equal(await loop.runUntilComplete(q.get()), "a");
  assert.equal(await loop.runUntilComplete(q.get()), "b");
  loop.close();
});

Deno.test("Queue test_why_are_getters_waiting: a getter woken then cancelled hands the item to the next getter", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  const g1 = loop.createTask(q.get()), g2 = loop.createTask(q.get());
  await runBriefly(loop);
  q.putNowait(1); // wakes g1 ...
  g1.cancel(); // ... which is cancelled before it runs
  await runBriefly(loop);
  await runBriefly(loop);
  assert.equal(g1.cancelled(), true);
  assert.equal(g2.result(), 1);
  loop.close();
});

Deno.test("Queue test_put_cancelled_race: a cancelled putter does not block the others", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<string>({ maxsize: 1 });
  const putA = loop.createTask(q.put("a"));
  const putB = loop.createTask(q.put("b"));
  const putC = loop.createTask(q.put("X"));
  await runBriefly(loop);
  assert.equal(putA.done(), true);
  assert.equal(putB.done(), false);
  putC.cancel();
  await runBriefly(loop);
  assert.equal(putC.done(), true);
  assert.equal(q.getNowait(), "a");
  await runBriefly(loop);
  assert.equal(q.getNowait(), "b");
  await loop.runUntilComplete(putB);
  loop.close();
});

Deno.test("Queue test_cancelled_puts_not_being_held_in_self_putters", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>({ maxsize: 1 });
  q.putNowait(1);
  const put = loop.createTask(q.put(2));
  await runBriefly(loop);
  put.cancel();
  await assert.rejects(loop.runUntilComplete(put), CancelledError);
  assert.equal(q.getNowait(), 1);
  assert.equal(q.empty(), true); // the cancelled put left nothing behind
  loop.close();
});

Deno.test("Queue test_task_done: join returns once every item was marked done", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  for (let i = 0; i < 100; i++) q.putNowait(i);
  let sum = 0;
  const workers = await loop.runUntilComplete(co(function* () {
    const worker = () =>
      co(function* () {
        for (;;) {
          sum += yield* q.get();
          q.taskDone();
        }
      });
    const tasks = [loop.createTask(worker()), loop.createTask(worker())];
    yield* q.join();
    return tasks;
  }));
  assert.equal(sum, 4950);
  for (const w of workers) w.cancel();
  await runBriefly(loop);
  loop.close();
});

Deno.test("Queue test_task_done_underflow: ValueError", () => {
  assert.throws(() => new Queue().taskDone(), ValueError);
});

Deno.test("Queue test_join_empty_queue: returns at once", async () => {
  const { loop } = recordingLoop();
  const q = new Queue();
  await loop.runUntilComplete(co(function* () {
    yield* q.join();
    yield* q.join();
  }));
  assert.equal(loop.time(), 0);
  loop.close();
});

Deno.test("Queue test_float_maxsize: a fractional maxsize rounds up, as in CPython", () => {
  const q = new Queue<number>({ maxsize: 1.3 });
  q.putNowait(1);
  q.putNowait(2);
  assert.equal(q.full(), true);
  assert.throws(() => q.putNowait(3), QueueFull);
});

Deno.test("Queue: a bad maxsize is a TypeError at once", () => {
  assert.throws(() => new Queue({ maxsize: "2" as unknown as number }), TypeError);
  assert.throws(() => new Queue(2 as unknown as object), TypeError);
});

Deno.test("LifoQueue test_order / PriorityQueue test_order", () => {
  const lifo = new LifoQueue<number>();
  const prio = new PriorityQueue<number>();
  for (const i of [1, 3, 2]) {
    lifo.putNowait(i);
    prio.putNowait(i);
  }
  assert.deepEqual([lifo.getNowait(), lifo.getNowait(), lifo.getNowait()], [2, 3, 1]);
  assert.deepEqual([prio.getNowait(), prio.getNowait(), prio.getNowait()], [1, 2, 3]);
});

Deno.test("PriorityQueue: [priority, item] arrays compare like Python tuples; objects need compare", () => {
  const q = new PriorityQueue<[number, string]>();
  for (const item of [[2, "b"], [1, "z"], [2, "a"], [0, "x"]] as [number, string][]) {
    q.putNowait(item);
  }
  const out = [];
  while (!q.empty()) out.push(q.getNowait());
  assert.deepEqual(out, [[0, "x"], [1, "z"], [2, "a"], [2, "b"]]);
  const objects = new PriorityQueue<{ p: number }>();
  objects.putNowait({ p: 1 });
  assert.throws(() => objects.putNowait({ p: 2 }), TypeError);
  const byP = new PriorityQueue<{ p: number }>({ compare: (a, b) => a.p - b.p });
  byP.putNowait({ p: 2 });
  byP.putNowait({ p: 1 });
  assert.deepEqual(byP.getNowait(), { p: 1 });
});

Deno.test("Queue test_shutdown_empty: put and get raise QueueShutDown, waiting getters wake", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  const getter = loop.createTask(q.get());
  await runBriefly(loop);
  q.shutdown();
  await assert.rejects(loop.runUntilComplete(getter), QueueShutDown);
  assert.throws(() => q.putNowait(1), QueueShutDown);
  await assert.rejects(loop.runUntilComplete(q.put(1)), QueueShutDown);
  assert.throws(() => q.getNowait(), QueueShutDown);
  await loop.runUntilComplete(q.join());
  loop.close();
});

Deno.test("Queue test_shutdown_nonempty: items left can still be taken; join waits for them", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>({ maxsize: 1 });
  q.putNowait(1);
  const putter = loop.createTask(q.put(2));
  await runBriefly(loop);
  q.shutdown();
  await assert.rejects(loop.runUntilComplete(putter), QueueShutDown);
  assert.equal(await loop.runUntilComplete(q.get()), 1);
  await assert.rejects(loop.runUntilComplete(q.get()), QueueShutDown);
  const joiner = loop.createTask(q.join());
  await runBriefly(loop);
  assert.equal(joiner.done(), false);
  q.taskDone();
  await loop.runUntilComplete(joiner);
  loop.close();
});

Deno.test("Queue test_shutdown_immediate: items are dropped and count as done", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  q.putNowait(1);
  q.putNowait(2);
  const joiner = loop.createTask(q.join());
  await runBriefly(loop);
  q.shutdown({ immediate: true });
  assert.equal(q.empty(), true);
  await loop.runUntilComplete(joiner);
  await assert.rejects(loop.runUntilComplete(q.get()), QueueShutDown);
  loop.close();
});

Deno.test("Queue backpressure: with maxsize 2 a fast producer runs at the slow consumer's pace", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>({ maxsize: 2 });
  const putAt: number[] = [];
  await loop.runUntilComplete(co(function* () {
    const consumer = loop.createTask(co(function* () {
      for (;;) {
        yield* q.get();
        yield* sleep(1);
        q.taskDone();
      }
    }));
    for (let i = 0; i < 6; i++) {
      yield* q.put(i);
      putAt.push(loop.time());
    }
    yield* q.join();
    consumer.cancel();
  }));
  assert.deepEqual(putAt, [0, 0, 0, 1, 2, 3]);
  assert.equal(loop.time(), 6);
  loop.close();
});

Deno.test("Queue: a get under waitFor that times out leaves no getter behind", async () => {
  const { loop } = recordingLoop();
  const q = new Queue<number>();
  await assert.rejects(loop.runUntilComplete(waitFor(q.get(), 1)), TimeoutError);
  q.putNowait(5);
  assert.equal(await loop.runUntilComplete(gathered(q.get())).then((r) => r[0]), 5);
  loop.close();
});
