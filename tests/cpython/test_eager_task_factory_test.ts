// CPython's Lib/test/test_asyncio/test_eager_task_factory.py (3.12), ported to the course's API:
// each test is named after the CPython test it ports. `asyncio.eager_task_factory` is
// `eagerTaskFactory`; `create_eager_task_factory(Task)` is a factory that builds tasks with
// `{ eagerStart: true }`, which is all eagerTaskFactory does.
import assert from "node:assert/strict";
import {
  allTasks,
  type Coroutine,
  currentTask,
  eagerTaskFactory,
  type EventLoop,
  gather,
  sleep,
  Task,
  taskGroup,
  type TaskOptions,
} from "@course/lib";
import { cpython } from "./_port.ts";

const { port } = cpython("test_eager_task_factory");

/** CPython's setUp and run_coro: the eager factory is set, and `coro` runs on the loop. */
function eagerPort(name: string, body: (loop: EventLoop) => Coroutine<unknown>): void {
  port(`EagerTaskFactoryLoopTests.${name}`, (loop) => {
    loop.setTaskFactory(eagerTaskFactory);
    return body(loop);
  });
}

eagerPort("test_eager_task_factory_set", function* (loop) {
  assert.equal(loop.getTaskFactory(), eagerTaskFactory);
  function* noop(): Coroutine<void> {}
  const t = loop.createTask(noop());
  assert.ok(t instanceof Task);
  yield* t;
});

eagerPort("test_await_future_during_eager_step", function* (loop) {
  // deno-lint-ignore require-yield
  function* setResult(fut: ReturnType<typeof loop.createFuture<string>>, val: string) {
    fut.setResult(val);
  }
  const fut = loop.createFuture<string>();
  const t = loop.createTask(setResult(fut, "my message"));
  assert.equal(t.done(), true); // the eager step completed the task
  assert.equal(yield* fut, "my message");
});

eagerPort("test_eager_completion", function* (loop) {
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<string> {
    return "hello";
  }
  const t = loop.createTask(coro());
  assert.equal(t.done(), true);
  assert.equal(yield* t, "hello");
});

eagerPort("test_block_after_eager_step", function* (loop) {
  function* coro(): Coroutine<string> {
    yield* sleep(0.1);
    return "finished after blocking";
  }
  const t = loop.createTask(coro());
  assert.equal(t.done(), false);
  assert.equal(yield* t, "finished after blocking");
  assert.equal(t.done(), true);
});

eagerPort("test_cancellation_after_eager_completion", function* (loop) {
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<string> {
    return "finished without blocking";
  }
  const t = loop.createTask(coro());
  t.cancel();
  assert.equal(yield* t, "finished without blocking");
  assert.equal(t.cancelled(), false); // a finished task cannot be cancelled
});

eagerPort("test_cancellation_after_eager_step_blocks", function* (loop) {
  function* coro(): Coroutine<string> {
    yield* sleep(0.1);
    return "finished after blocking";
  }
  const t = loop.createTask(coro());
  t.cancel("cancellation message");
  assert.ok(t.cancelling() > 0);
  try {
    yield* t;
    assert.fail("CancelledError expected");
  } catch (error) {
    assert.equal((error as Error).message, "cancellation message");
    currentTask()!.uncancel(); // (CPython's run_coro lets the error end the test's task)
  }
});

eagerPort("test_current_task", function* (loop) {
  let captured: Task<unknown> | null = null;
  function* coro(): Coroutine<void> {
    captured = currentTask();
    yield* sleep(0.1); // the same task before and after blocking
    assert.equal(currentTask(), captured);
  }
  const t = loop.createTask(coro());
  assert.equal(captured, t);
  yield* t;
});

eagerPort("test_all_tasks_with_eager_completion", function* (loop) {
  let captured: Set<Task<unknown>> | null = null;
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<void> {
    captured = allTasks();
  }
  const t = loop.createTask(coro());
  assert.ok(captured!.has(t));
  assert.ok(!allTasks().has(t));
  yield* sleep(0);
});

eagerPort("test_all_tasks_with_blocking", function* (loop) {
  let captured: Set<Task<unknown>> | null = null;
  const fut1 = loop.createFuture<void>(), fut2 = loop.createFuture<void>();
  function* coro(): Coroutine<void> {
    captured = allTasks();
    yield* fut1;
    fut2.setResult();
  }
  const t = loop.createTask(coro());
  assert.ok(captured!.has(t));
  assert.ok(allTasks().has(t));
  fut1.setResult();
  yield* fut2;
  assert.ok(!allTasks().has(t));
});

// BaseTaskCountingTests: how many tasks start lazily (scheduled, not run inside createTask)

/** CPython's AsyncTaskCounter: a factory that counts the tasks not started eagerly. */
function countTasks(loop: EventLoop, eager: boolean): () => number {
  let taskCount = 0;
  const countingTask = <T>(coro: Coroutine<T>, l: EventLoop, options: TaskOptions = {}) => {
    if (!options.eagerStart) taskCount += 1;
    return new Task(coro, l, options);
  };
  loop.setTaskFactory(<T>(l: EventLoop, coro: Coroutine<T>, options?: TaskOptions) =>
    countingTask(coro, l, eager ? { ...options, eagerStart: true } : options)
  );
  return () => taskCount;
}

function* awaitableChain(depth: number): Coroutine<number> {
  if (depth === 0) return 0;
  return 1 + (yield* awaitableChain(depth - 1));
}

function* recursiveTaskgroups(width: number, depth: number): Coroutine<void> {
  if (depth === 0) return;
  yield* taskGroup((tg) => {
    for (let i = 0; i < width; i++) tg.createTask(recursiveTaskgroups(width, depth - 1));
  });
}

function* recursiveGather(width: number, depth: number): Coroutine<void> {
  if (depth === 0) return;
  yield* gather(Array.from({ length: width }, () => recursiveGather(width, depth - 1)));
}

for (
  const [kind, eager, expected] of [["NonEagerTests", false, 781], ["EagerTests", true, 0]] as const
) {
  port(`${kind}.test_awaitables_chain`, async (loop) => {
    const count = countTasks(loop, eager);
    assert.equal(await loop.runUntilComplete(awaitableChain(100)), 100);
    assert.equal(count(), eager ? 0 : 1);
  });

  port(`${kind}.test_recursive_taskgroups`, async (loop) => {
    const count = countTasks(loop, eager);
    await loop.runUntilComplete(recursiveTaskgroups(5, 4));
    assert.equal(count(), expected); // 781 = 1 + 5 + 5^2 + 5^3 + 5^4
  });

  port(`${kind}.test_recursive_gather`, async (loop) => {
    const count = countTasks(loop, eager);
    await loop.runUntilComplete(recursiveGather(5, 4));
    assert.equal(count(), expected);
  });
}
