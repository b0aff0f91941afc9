import assert from "node:assert/strict";
import {
  allTasks,
  CancelledError,
  type Coroutine,
  currentTask,
  type EventLoop,
  Future,
  RuntimeError,
  sleep,
  Task,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("a task does nothing until the loop runs it", () => {
  const { loop } = recordingLoop();
  let started = false;
  function* body(): Coroutine<void> {
    started = true;
    yield* sleep(0);
  }
  const task = loop.createTask(body());
  assert.equal(started, false);
  assert.ok(task instanceof Task && task instanceof Future);
  loop.runOnce();
  assert.equal(started, true);
  loop.close();
});

Deno.test("a task's first step is scheduled with callSoon at creation", () => {
  const { loop } = recordingLoop();
  const order: string[] = [];
  loop.callSoon(() => order.push("before"));
  // deno-lint-ignore require-yield
  function* body(): Coroutine<void> {
    order.push("task");
  }
  loop.createTask(body());
  loop.callSoon(() => order.push("after"));
  loop.runOnce();
  assert.deepEqual(order, ["before", "task", "after"]);
  loop.close();
});

Deno.test("the task's result is what the coroutine returns; its exception what it throws", async () => {
  const { loop } = recordingLoop();
  function* ok(): Coroutine<number> {
    yield* sleep(1);
    return 7;
  }
  function* bad(): Coroutine<number> {
    yield* sleep(1);
    throw new SyntaxError("broken");
  }
  const good = loop.createTask(ok()), failing = loop.createTask(bad());
  await loop.runUntilComplete(sleep(2));
  assert.equal(good.result(), 7);
  assert.ok(failing.exception() instanceof SyntaxError);
  loop.close();
});

Deno.test("cancel raises CancelledError at the wait point; the task ends cancelled", async () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  function* body(): Coroutine<void> {
    try {
      yield* sleep(100);
    } catch (error) {
      seen.push(`${(error as Error).name} at ${loop.time()}`);
      throw error;
    }
  }
  const task = loop.createTask(body());
  loop.callLater(5, () => assert.equal(task.cancel("enough"), true));
  await assert.rejects(loop.runUntilComplete(task), (e) => e instanceof CancelledError);
  assert.deepEqual(seen, ["CancelledError at 5"]);
  assert.equal(task.cancelled(), true);
  assert.throws(() => task.result(), /enough/);
  loop.close();
});

Deno.test("a coroutine may catch CancelledError and go on", async () => {
  const { loop } = recordingLoop();
  function* stubborn(): Coroutine<string> {
    try {
      yield* sleep(100);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
    yield* sleep(1);
    return "survived";
  }
  const task = loop.createTask(stubborn());
  loop.callLater(1, () => task.cancel());
  assert.equal(await loop.runUntilComplete(task), "survived");
  assert.equal(task.cancelled(), false);
  assert.equal(loop.time(), 2);
  loop.close();
});

Deno.test("cancel before the first step: the body never runs", async () => {
  const { loop } = recordingLoop();
  let ran = false;
  function* body(): Coroutine<void> {
    ran = true;
    yield* sleep(1);
  }
  const task = loop.createTask(body());
  task.cancel();
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(ran, false);
  loop.close();
});

Deno.test("cancel of a done task returns false", async () => {
  const { loop } = recordingLoop();
  const task = loop.createTask(sleep(1, "x"));
  await loop.runUntilComplete(task);
  assert.equal(task.cancel(), false);
  assert.equal(task.result(), "x");
  loop.close();
});

Deno.test("cancelling() counts requests; uncancel() takes them back", async () => {
  const { loop } = recordingLoop();
  const task = loop.createTask(sleep(1, "done"));
  assert.equal(task.cancelling(), 0);
  task.cancel();
  task.cancel();
  assert.equal(task.cancelling(), 2);
  assert.equal(task.uncancel(), 1);
  assert.equal(task.uncancel(), 0);
  assert.equal(task.uncancel(), 0);
  // Every request was taken back before the first step: the task runs normally.
  assert.equal(await loop.runUntilComplete(task), "done");
  loop.close();
});

Deno.test("cancelling a task cancels the future it waits for", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<void>();
  function* waiter(): Coroutine<void> {
    yield* future;
  }
  const task = loop.createTask(waiter());
  loop.callLater(1, () => task.cancel());
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(future.cancelled(), true);
  loop.close();
});

Deno.test("cancelling during a sleep removes its timer: time does not jump to it", async () => {
  const { loop } = recordingLoop();
  const task = loop.createTask(sleep(1000));
  loop.callLater(1, () => task.cancel());
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(loop.runOnce(), Infinity);
  assert.equal(loop.time(), 1);
  loop.close();
});

Deno.test("a task can wait for another task and gets its result or error", async () => {
  const { loop } = recordingLoop();
  function* child(fail: boolean): Coroutine<string> {
    yield* sleep(2);
    if (fail) throw new Error("child failed");
    return "child result";
  }
  function* parent(): Coroutine<string[]> {
    const out = [yield* loop.createTask(child(false))];
    try {
      yield* loop.createTask(child(true));
    } catch (error) {
      out.push((error as Error).message);
    }
    return out;
  }
  assert.deepEqual(await loop.runUntilComplete(parent()), ["child result", "child failed"]);
  assert.equal(loop.time(), 4);
  loop.close();
});

Deno.test("a task that waits for itself gets a RuntimeError", async () => {
  const { loop } = recordingLoop();
  let self: Task<void> | null = null;
  function* body(): Coroutine<void> {
    yield* self!;
  }
  self = loop.createTask(body());
  await assert.rejects(
    loop.runUntilComplete(self),
    (e) => e instanceof RuntimeError && /itself/.test(e.message),
  );
  loop.close();
});

Deno.test("yield (without *) of a future, coroutine or promise is a clear error", async () => {
  const { loop } = recordingLoop();
  const cases: [() => unknown, RegExp][] = [
    [() => loop.createFuture(), /yield\*/],
    [() => sleep(1), /yield\*/],
    [() => Promise.resolve(1), /Future\.fromPromise/],
    [() => 42, /only `yield\* future`/],
  ];
  function* wrong(make: () => unknown): Coroutine<void> {
    yield make();
  }
  for (const [make, pattern] of cases) {
    await assert.rejects(loop.runUntilComplete(wrong(make)), pattern);
  }
  loop.close();
});

Deno.test("a bare yield is one turn of the loop (like sleep(0))", async () => {
  const { loop } = recordingLoop();
  const order: string[] = [];
  function* worker(name: string): Coroutine<void> {
    for (let i = 0; i < 3; i++) {
      order.push(`${name}${i}`);
      yield;
    }
  }
  const a = loop.createTask(worker("a")), b = loop.createTask(worker("b"));
  await loop.runUntilComplete(a);
  await loop.runUntilComplete(b);
  assert.deepEqual(order, ["a0", "b0", "a1", "b1", "a2", "b2"]);
  loop.close();
});

Deno.test("createTask rejects a generator function with a hint to call it", () => {
  const { loop } = recordingLoop();
  function* worker() {}
  assert.throws(
    () => loop.createTask(worker as never),
    /call it to make a coroutine, e\.g\. worker\(\)/,
  );
  assert.throws(() => loop.createTask(Promise.resolve() as never), /Future\.fromPromise/);
  loop.close();
});

Deno.test("setResult and setException are not allowed on a task", () => {
  const { loop } = recordingLoop();
  const task = loop.createTask(sleep(0));
  assert.throws(() => task.setResult(undefined), RuntimeError);
  assert.throws(() => task.setException(new Error()), RuntimeError);
  loop.close();
});

Deno.test("names: Task-<n> by default, given, or set; getCoro returns the coroutine", () => {
  const { loop } = recordingLoop();
  const coro = sleep(0);
  const unnamed = loop.createTask(coro);
  assert.match(unnamed.getName(), /^Task-\d+$/);
  assert.equal(unnamed.getCoro(), coro);
  const named = loop.createTask(sleep(0), { name: "worker" });
  assert.equal(named.getName(), "worker");
  named.setName("renamed");
  assert.equal(named.getName(), "renamed");
  assert.match(String(named), /Task pending name='renamed'/);
  loop.close();
});

Deno.test("currentTask is the running task inside a step and null in a callback", async () => {
  const { loop } = recordingLoop();
  let inCallback: unknown = "unset";
  loop.callSoon(() => inCallback = currentTask());
  // deno-lint-ignore require-yield
  function* body(): Coroutine<Task<unknown> | null> {
    return currentTask();
  }
  const task = loop.createTask(body());
  assert.equal(await loop.runUntilComplete(task), task);
  assert.equal(inCallback, null);
  assert.equal(currentTask(loop), null);
  loop.close();
});

Deno.test("allTasks lists the tasks that are not done", async () => {
  const { loop } = recordingLoop();
  const short = loop.createTask(sleep(1)), long = loop.createTask(sleep(5));
  assert.deepEqual(allTasks(loop), new Set([short, long]));
  await loop.runUntilComplete(short);
  assert.deepEqual(allTasks(loop), new Set([long]));
  await loop.runUntilComplete(long);
  assert.equal(allTasks(loop).size, 0);
  loop.close();
});

Deno.test("sleep(0) yields exactly one iteration: two tasks alternate", async () => {
  const { loop } = recordingLoop();
  const order: string[] = [];
  function* worker(name: string): Coroutine<void> {
    for (let i = 0; i < 3; i++) {
      order.push(name);
      yield* sleep(0);
    }
  }
  const tasks = [loop.createTask(worker("a")), loop.createTask(worker("b"))];
  loop.callSoon(() => order.push("cb"));
  for (const task of tasks) await loop.runUntilComplete(task);
  assert.deepEqual(order, ["a", "b", "cb", "a", "b", "a", "b"]);
  loop.close();
});

Deno.test("sleep returns its result after that much loop time", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<[string, number]> {
    const value = yield* sleep(2.5, "slept");
    return [value, loop.time()];
  }
  assert.deepEqual(await loop.runUntilComplete(main()), ["slept", 2.5]);
  loop.close();
});

Deno.test("a task wakes one iteration after the future it awaits is resolved", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<string>();
  const order: string[] = [];
  function* waiter(): Coroutine<void> {
    order.push(yield* future);
  }
  loop.createTask(waiter());
  loop.runOnce(); // the task starts and waits
  future.setResult("woken");
  loop.callSoon(() => order.push("scheduled after the result"));
  loop.runOnce();
  assert.deepEqual(order, ["woken", "scheduled after the result"]);
  loop.close();
});

Deno.test("a failed task nobody awaited is reported at close with its name", async () => {
  const { loop, errors } = recordingLoop();
  // deno-lint-ignore require-yield
  function* failing(): Coroutine<void> {
    throw new Error("unseen");
  }
  loop.createTask(failing(), { name: "lonely" });
  await loop.runUntilComplete(sleep(1));
  loop.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0].message, "Task exception was never retrieved");
  assert.equal(errors[0].taskName, "lonely");
});

Deno.test("tasks need a loop: new Task() outside a running loop fails clearly", () => {
  assert.throws(() => new Task(sleep(0)), /no running event loop/);
  const { loop } = recordingLoop();
  assert.equal(new Task(sleep(0), loop as EventLoop).getLoop(), loop);
  loop.close();
});
