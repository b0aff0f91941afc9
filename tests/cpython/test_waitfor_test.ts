// CPython's Lib/test/test_asyncio/test_waitfor.py (3.11), ported to the course's API: each test is
// named after the CPython test it ports. Time is the loop's virtual clock.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  createTask,
  type EventLoop,
  getRunningLoop,
  sleep,
  TimeoutError,
  wait,
  waitFor,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { caught, cpython } from "./_port.ts";

const { port } = cpython("test_waitfor");

const EPSILON = 0.0001;

/** Runs for TASK_TIMEOUT seconds of loop time, ignoring cancel requests. */
class SlowTask {
  static TASK_TIMEOUT = 0.2;
  exited = false;
  *run(): Coroutine<void> {
    const loop = getRunningLoop();
    const exitAt = loop.time() + SlowTask.TASK_TIMEOUT;
    for (;;) {
      const toSleep = exitAt - loop.time();
      if (toSleep <= 0) break;
      try {
        yield* sleep(toSleep);
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
      }
    }
    this.exited = true;
  }
}

port("test_asyncio_wait_for_cancelled", function* () {
  const t = new SlowTask();
  const waitForTask = createTask(waitFor(t.run(), SlowTask.TASK_TIMEOUT * 2));
  yield* sleep(0);
  waitForTask.cancel();
  yield* wait([waitForTask]);
  assert.equal(t.exited, true);
});

port("test_asyncio_wait_for_timeout", function* () {
  const t = new SlowTask();
  try {
    yield* waitFor(t.run(), SlowTask.TASK_TIMEOUT / 2);
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
  }
  assert.equal(t.exited, true);
});

port("test_wait_for_timeout_less_then_0_or_0_future_done", function* (loop) {
  const fut = loop.createFuture<string>();
  fut.setResult("done");
  const t0 = loop.time();
  const ret = yield* waitFor(fut, 0);
  assert.equal(ret, "done");
  assert.equal(fut.done(), true);
  assert.ok(loop.time() - t0 < 0.1);
});

port("test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started", function* (loop) {
  let fooStarted = false;
  // deno-lint-ignore require-yield
  function* foo(): Coroutine<void> {
    fooStarted = true;
  }
  const t0 = loop.time();
  yield* assertRaises(waitFor(foo(), 0), TimeoutError);
  assert.equal(fooStarted, false);
  assert.ok(loop.time() - t0 < 0.1);
});

port("test_wait_for_timeout_less_then_0_or_0", function* (loop) {
  for (const timeout of [0, -1]) {
    let fooRunning: boolean | null = null;
    const started = loop.createFuture<void>();
    const foo = function* (): Coroutine<string> {
      fooRunning = true;
      started.setResult();
      try {
        yield* sleep(10);
      } finally {
        fooRunning = false;
      }
      return "done";
    };
    const fut = createTask(foo());
    yield* started;
    const t0 = loop.time();
    yield* assertRaises(waitFor(fut, timeout), TimeoutError);
    assert.equal(fut.done(), true, `timeout=${timeout}`);
    assert.equal(fut.cancelled(), true); // cancelled because of the timeout
    assert.equal(fooRunning, false);
    assert.ok(loop.time() - t0 < 0.1);
  }
});

port("test_wait_for", function* (loop) {
  let fooRunning: boolean | null = null;
  function* foo(): Coroutine<string> {
    fooRunning = true;
    try {
      yield* sleep(10);
    } finally {
      fooRunning = false;
    }
    return "done";
  }
  const fut = createTask(foo());
  const t0 = loop.time();
  yield* assertRaises(waitFor(fut, 0.1), TimeoutError);
  assert.equal(fut.done(), true);
  assert.equal(fut.cancelled(), true);
  assert.ok(loop.time() - t0 < 0.5);
  assert.equal(fooRunning, false);
});

port("test_wait_for_blocking", function* () {
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<string> {
    return "done";
  }
  assert.equal(yield* waitFor(coro(), null), "done");
});

port("test_wait_for_race_condition", function* (loop) {
  const fut = loop.createFuture<string>();
  const task = waitFor(fut, 0.2);
  loop.callLater(0.1, () => fut.setResult("ok"));
  assert.equal(yield* task, "ok");
});

port("test_wait_for_cancellation_race_condition", function* () {
  function* inner(): Coroutine<number> {
    yield* assertRaises(sleep(1), CancelledError);
    return 1;
  }
  assert.equal(yield* waitFor(inner(), 0.01), 1);
});

function innerThatCleansUp(done: { value: boolean }) {
  return function* inner(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (error) {
      if (error instanceof CancelledError) yield* sleep(EPSILON);
      throw error;
    } finally {
      done.value = true;
    }
  };
}

port("test_wait_for_waits_for_task_cancellation", function* () {
  const taskDone = { value: false };
  const innerTask = createTask(innerThatCleansUp(taskDone)());
  const error = yield* caught(waitFor(innerTask, EPSILON));
  assert.ok(error instanceof TimeoutError);
  assert.equal(taskDone.value, true);
  assert.ok(error.cause instanceof CancelledError); // Python's __context__
});

port("test_wait_for_waits_for_task_cancellation_w_timeout_0", function* () {
  const taskDone = { value: false };
  function* foo(): Coroutine<void> {
    const innerTask = createTask(innerThatCleansUp(taskDone)());
    yield* sleep(EPSILON);
    yield* waitFor(innerTask, 0);
  }
  const error = yield* caught(foo());
  assert.ok(error instanceof TimeoutError);
  assert.equal(taskDone.value, true);
  assert.ok(error.cause instanceof CancelledError);
});

port("test_wait_for_reraises_exception_during_cancellation", function* () {
  class FooException extends Error {}
  function* foo(): Coroutine<void> {
    function* inner(): Coroutine<void> {
      try {
        yield* sleep(0.2);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new FooException();
      }
    }
    const innerTask = createTask(inner());
    yield* waitFor(innerTask, EPSILON);
  }
  yield* assertRaises(foo(), FooException);
});

// As in 3.12 (GH-98518): without the 3.11 test's `sleep(0.2)` before the cancel, since a
// wait_for built on timeout() rightly lets the inner task's late `return 42` win.
port("test_wait_for_self_cancellation", function* () {
  function* inner(): Coroutine<number> {
    try {
      yield* sleep(0.3);
    } catch {
      try {
        yield* sleep(0.3);
      } catch {
        yield* sleep(0.3);
      }
    }
    return 42;
  }
  const innerTask = createTask(inner());
  const waiting = waitFor(innerTask, 0.1);
  // waitFor itself can be cancelled even when the inner task holds up the first cancellation
  const task = createTask(waiting);
  task.cancel();
  yield* assertRaises(task[Symbol.iterator](), CancelledError);
  assert.equal(yield* innerTask, 42);
});

function* cancelWaitFor(loop: EventLoop, timeout: number | null): Coroutine<void> {
  function* blockingCoroutine(): Coroutine<void> {
    const fut = loop.createFuture<void>();
    yield* fut; // never set
  }
  const task = createTask(blockingCoroutine());
  const waiting = createTask(waitFor(task, timeout));
  loop.callSoon(() => waiting.cancel());
  yield* assertRaises(waiting[Symbol.iterator](), CancelledError);
  assert.equal(task.cancelled(), true); // bpo-23219: cancelling the wait cancels the task
}

port("test_cancel_blocking_wait_for", function* (loop) {
  yield* cancelWaitFor(loop, null);
});

port("test_cancel_wait_for", function* (loop) {
  yield* cancelWaitFor(loop, 60);
});
