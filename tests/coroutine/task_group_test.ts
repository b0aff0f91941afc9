// TaskGroup, ported from CPython's Lib/test/test_asyncio/test_taskgroups.py:
// each test is named after the CPython test whose behaviour it matches.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  ExceptionGroup,
  gather,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
  taskGroup,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

class MyExc extends Error {}
class ZeroDivisionError extends Error {}

function* crashAfter(seconds: number, error: Error = new ZeroDivisionError()): Coroutine<never> {
  yield* sleep(seconds);
  throw error;
}

function errorTypes(group: unknown): Set<unknown> {
  assert.ok(group instanceof ExceptionGroup, `expected an ExceptionGroup, got ${group}`);
  return new Set(group.exceptions.map((e) => (e as object).constructor));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected an error");
}

Deno.test("TaskGroup test_taskgroup_01: run waits for every task", async () => {
  const { loop } = recordingLoop();
  const [t1, t2] = await loop.runUntilComplete(taskGroup((g) => {
    return [g.createTask(sleep(0.1, 42)), g.createTask(sleep(0.2, 11))];
  }));
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
  assert.equal(loop.time(), 0.2);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_03: a child cancelled by hand does not cancel the group", async () => {
  const { loop } = recordingLoop();
  const [t1, t2] = await loop.runUntilComplete(taskGroup(function* (g) {
    const t1 = g.createTask(sleep(1, 42));
    yield* sleep(0.15);
    t1.cancel();
    return [t1, g.createTask(sleep(0.2, 11))];
  }));
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.result(), 11);
  loop.close();
});

Deno.test("TaskGroup test_cancel_children_on_child_error: siblings and the body are cancelled, errors grouped", async () => {
  const { loop } = recordingLoop();
  let num = 0, t2Cancel = false, runnerCancel = false;
  function* foo2() {
    try {
      yield* sleep(5);
    } catch (error) {
      t2Cancel = error instanceof CancelledError;
      throw error;
    }
    num += 1;
  }
  function* runner() {
    yield* taskGroup(function* (g) {
      g.createTask(crashAfter(0.1));
      g.createTask(crashAfter(0.1));
      g.createTask(crashAfter(0.1));
      g.createTask(foo2());
      try {
        yield* sleep(10);
      } catch (error) {
        runnerCancel = error instanceof CancelledError;
        throw error;
      }
    });
    num += 10;
  }
  const error = await rejection(loop.runUntilComplete(loop.createTask(runner())));
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
  assert.equal((error as ExceptionGroup).exceptions.length, 3);
  assert.ok(error instanceof AggregateError, "an ExceptionGroup is an AggregateError");
  assert.equal(num, 0);
  assert.equal(t2Cancel, true);
  assert.equal(runnerCancel, true);
  assert.equal(loop.time(), 0.1, "no task outlives the group: over at the first failure");
  loop.close();
});

Deno.test("TaskGroup test_cancellation: cancelling the parent cancels every child and propagates", async () => {
  const { loop } = recordingLoop();
  let num = 0;
  function* foo() {
    try {
      yield* sleep(5);
    } catch (error) {
      num += 1;
      throw error;
    }
  }
  const r = loop.createTask(taskGroup((g) => {
    for (let i = 0; i < 5; i++) g.createTask(foo());
  }));
  loop.callLater(0.1, () => r.cancel("test"));
  const error = await rejection(loop.runUntilComplete(r));
  assert.ok(error instanceof CancelledError);
  assert.equal((error as Error).message, "test");
  assert.equal(num, 5);
  loop.close();
});

Deno.test("TaskGroup test_cancellation_in_body: an outside cancel wins over children errors that came later", async () => {
  const { loop } = recordingLoop();
  const r = loop.createTask(taskGroup(function* (g) {
    for (let i = 0; i < 5; i++) g.createTask(crashAfter(0.1));
    yield* sleep(10);
  }));
  loop.callLater(0.05, () => r.cancel("test"));
  const error = await rejection(loop.runUntilComplete(r));
  assert.ok(error instanceof CancelledError);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_09/10: an error in the body cancels the children", async () => {
  const { loop } = recordingLoop();
  let t1: Task<number>, t2: Task<number>;
  const error = await rejection(loop.runUntilComplete(taskGroup(function* (g) {
    t1 = g.createTask(sleep(1, 42));
    t2 = g.createTask(sleep(2, 11));
    yield* sleep(0.1);
    throw new ZeroDivisionError();
  })));
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
  assert.equal(t1!.cancelled(), true);
  assert.equal(t2!.cancelled(), true);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_14: a nested group's failure arrives as a nested ExceptionGroup", async () => {
  const { loop } = recordingLoop();
  const error = await rejection(loop.runUntilComplete(taskGroup(function* (g1) {
    g1.createTask(crashAfter(10, new MyExc()));
    yield* taskGroup(function* (g2) {
      g2.createTask(crashAfter(0.1, new MyExc()));
    });
  })));
  assert.deepEqual(errorTypes(error), new Set([ExceptionGroup]));
  assert.deepEqual(errorTypes((error as ExceptionGroup).exceptions[0]), new Set([MyExc]));
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_17: an empty group's body cancelled from outside propagates CancelledError", async () => {
  const { loop } = recordingLoop();
  let num = 0;
  const r = loop.createTask(taskGroup(function* () {
    try {
      yield* sleep(10);
    } catch (error) {
      num += 10;
      throw error;
    }
  }));
  loop.callLater(0.1, () => r.cancel());
  assert.ok(await rejection(loop.runUntilComplete(r)) instanceof CancelledError);
  assert.equal(num, 10);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_18: a body that turns the cancel into an error raises an ExceptionGroup", async () => {
  const { loop } = recordingLoop();
  const r = loop.createTask(taskGroup(function* () {
    try {
      yield* sleep(10);
    } catch {
      throw new MyExc();
    }
  }));
  loop.callLater(0.1, () => r.cancel());
  assert.deepEqual(errorTypes(await rejection(loop.runUntilComplete(r))), new Set([MyExc]));
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_19: errors of the body and the children come together", async () => {
  const { loop } = recordingLoop();
  function* nested() {
    try {
      yield* sleep(10);
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new MyExc();
    }
  }
  const error = await rejection(loop.runUntilComplete(loop.createTask(taskGroup(function* (g) {
    g.createTask(crashAfter(0.1));
    yield* nested();
  }))));
  assert.deepEqual(errorTypes(error), new Set([MyExc, ZeroDivisionError]));
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_21/22: after the group, the parent task is not left cancelled", async () => {
  const { loop } = recordingLoop();
  const after = await loop.runUntilComplete(loop.createTask((function* () {
    try {
      yield* taskGroup(function* (g) {
        g.createTask(crashAfter(0.1));
        yield* sleep(10);
      });
    } catch (error) {
      assert.ok(error instanceof ExceptionGroup);
    }
    yield* sleep(1); // must not be cancelled
    return currentTask()!.cancelling();
  })()));
  assert.equal(after, 0);
  assert.equal(loop.time(), 1.1);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_23: tasks added after some finished are waited for too", async () => {
  const { loop } = recordingLoop();
  const done: number[] = [];
  await loop.runUntilComplete(taskGroup(function* (g) {
    for (let i = 0; i < 3; i++) {
      g.createTask((function* () {
        yield* sleep(i * 0.1);
        done.push(i);
      })());
      yield* sleep(0.15);
    }
  }));
  assert.deepEqual(done, [0, 1, 2]);
  loop.close();
});

Deno.test("TaskGroup test_create_task_after_exit / not entered: RuntimeError, the coroutine is closed", async () => {
  const { loop } = recordingLoop();
  const group = new TaskGroup();
  let started = false;
  const coro = (function* () {
    started = true;
    yield* sleep(0);
  })();
  assert.throws(() => group.createTask(coro), RuntimeError);
  await loop.runUntilComplete(group.run(function* () {}));
  assert.throws(() => group.createTask(sleep(0)), RuntimeError);
  assert.equal(coro.next().done, true, "closed: it never runs");
  assert.equal(started, false);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_already_entered: a group runs once", async () => {
  const { loop } = recordingLoop();
  const group = new TaskGroup();
  await loop.runUntilComplete(group.run(function* () {}));
  await assert.rejects(loop.runUntilComplete(group.run(function* () {})), RuntimeError);
  loop.close();
});

Deno.test("TaskGroup test_taskgroup_without_parent_task: RuntimeError outside a task", () => {
  const { loop } = recordingLoop();
  let error: unknown = null;
  loop.callSoon(() => {
    try {
      new TaskGroup().enter();
    } catch (e) {
      error = e;
    }
  });
  loop.runOnce();
  assert.ok(error instanceof RuntimeError);
  loop.close();
});

Deno.test("TaskGroup vs gather: gather leaves the siblings running, the group does not", async () => {
  const { loop } = recordingLoop();
  const sibling = { finishedAt: -1 };
  function* slow() {
    yield* sleep(5);
    sibling.finishedAt = loop.time();
  }
  await rejection(loop.runUntilComplete((function* () {
    yield* gather(crashAfter(1), createTask(slow()));
  })()));
  await loop.runUntilComplete(sleep(10));
  assert.equal(sibling.finishedAt, 5, "gather's sibling ran on after the failure");
  loop.close();
});
