// eagerTaskFactory and loop.setTaskFactory, ported from CPython's
// Lib/test/test_asyncio/test_eager_task_factory.py.
import assert from "node:assert/strict";
import {
  createTask,
  currentTask,
  eagerTaskFactory,
  gather,
  sleep,
  Task,
  type TaskFactory,
  taskGroup,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("eager test_eager_completion: a coroutine that never waits is done when createTask returns", async () => {
  const { loop } = recordingLoop();
  loop.setTaskFactory(eagerTaskFactory);
  await loop.runUntilComplete(loop.createTask((function* () {
    // deno-lint-ignore require-yield -- a coroutine that never waits is the point
    const task = createTask((function* () {
      return "at once";
    })());
    assert.equal(task.done(), true);
    assert.equal(task.result(), "at once");
    yield* sleep(0);
  })()));
  loop.close();
});

Deno.test("eager test_eager_task_factory_set: runs up to the first wait, then on the loop", async () => {
  const { loop } = recordingLoop();
  loop.setTaskFactory(eagerTaskFactory);
  const order: string[] = [];
  await loop.runUntilComplete(loop.createTask((function* () {
    const child = createTask((function* () {
      order.push("child start");
      yield* sleep(1);
      order.push("child end");
    })());
    order.push("parent after createTask");
    yield* child;
  })()));
  assert.deepEqual(order, ["child start", "parent after createTask", "child end"]);
  loop.close();
});

Deno.test("eager test_current_task: inside the eager step the child is current, after it the parent again", async () => {
  const { loop } = recordingLoop();
  loop.setTaskFactory(eagerTaskFactory);
  await loop.runUntilComplete(loop.createTask((function* () {
    const parent = currentTask();
    let seen: unknown = null;
    const child = createTask((function* () {
      seen = currentTask();
      yield* sleep(0);
    })());
    assert.equal(seen, child);
    assert.equal(currentTask(), parent);
    yield* child;
  })()));
  loop.close();
});

Deno.test("eager test_gather / TaskGroup with the eager factory give the same results", async () => {
  const { loop } = recordingLoop();
  loop.setTaskFactory(eagerTaskFactory);
  const results = await loop.runUntilComplete(loop.createTask((function* () {
    const a = yield* gather(sleep(1, "a"), sleep(0, "b"));
    const [t] = yield* taskGroup(function* (g) {
      return [g.createTask(sleep(1, "c"))];
    });
    return [...a, t.result()];
  })()));
  assert.deepEqual(results, ["a", "b", "c"]);
  loop.close();
});

Deno.test("setTaskFactory: a custom factory builds every task; null restores plain tasks", async () => {
  const { loop } = recordingLoop();
  const made: string[] = [];
  const factory: TaskFactory = (l, coro, options) => {
    made.push(options?.name ?? "unnamed");
    return new Task(coro, l, options);
  };
  loop.setTaskFactory(factory);
  assert.equal(loop.getTaskFactory(), factory);
  await loop.runUntilComplete(loop.createTask(sleep(0), { name: "first" }));
  loop.setTaskFactory(null);
  await loop.runUntilComplete(loop.createTask(sleep(0), { name: "second" }));
  assert.deepEqual(made, ["first"]);
  assert.throws(() => loop.setTaskFactory("no" as unknown as TaskFactory), TypeError);
  loop.close();
});

Deno.test("eagerTaskFactory outside a running loop: the task starts lazily, like a plain one", async () => {
  const { loop } = recordingLoop();
  loop.setTaskFactory(eagerTaskFactory);
  let ran = false;
  const task = loop.createTask((function* () {
    ran = true;
    yield* sleep(0);
  })());
  assert.equal(ran, false);
  await loop.runUntilComplete(task);
  assert.equal(ran, true);
  loop.close();
});
