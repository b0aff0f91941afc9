// timeout / timeoutAt, ported from CPython's Lib/test/test_asyncio/test_timeouts.py.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  getRunningLoop,
  sleep,
  taskGroup,
  type Timeout,
  timeout,
  timeoutAt,
  TimeoutError,
  ValueError,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

function* raises(coro: Coroutine<unknown>, kind: new (...a: never[]) => Error): Coroutine<Error> {
  try {
    yield* coro;
  } catch (error) {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${error}`);
    return error;
  }
  assert.fail(`expected ${kind.name}`);
}

async function inTask<T>(body: () => Coroutine<T>): Promise<T> {
  const { loop } = recordingLoop();
  try {
    return await loop.runUntilComplete(loop.createTask(body()));
  } finally {
    loop.close();
  }
}

Deno.test("timeout test_timeout_basic: TimeoutError, and expired()", () =>
  inTask(function* () {
    const cm = timeout(0.01);
    yield* raises(cm.run(sleep(10)), TimeoutError);
    assert.equal(cm.expired(), true);
    assert.equal(getRunningLoop().time(), 0.01);
  }));

Deno.test("timeout test_timeout_at_basic: when() is the deadline given", () =>
  inTask(function* () {
    const deadline = getRunningLoop().time() + 0.01;
    const cm = timeoutAt(deadline);
    yield* raises(cm.run(sleep(10)), TimeoutError);
    assert.equal(cm.expired(), true);
    assert.equal(cm.when(), deadline);
  }));

Deno.test("timeout test_nested_timeouts: only the outermost raises TimeoutError", () =>
  inTask(function* () {
    const deadline = getRunningLoop().time() + 0.01;
    let cancelled = false;
    let cm2: Timeout;
    const cm1 = timeoutAt(deadline);
    yield* raises(
      cm1.run(function* () {
        try {
          cm2 = timeoutAt(deadline);
          yield* cm2.run(sleep(10));
        } catch (error) {
          cancelled = error instanceof CancelledError;
          throw error;
        }
      }),
      TimeoutError,
    );
    assert.equal(cancelled, true);
    assert.equal(cm1.expired() && cm2!.expired(), true);
  }));

Deno.test("timeout test_waiter_cancelled: the block sees CancelledError", () =>
  inTask(function* () {
    let cancelled = false;
    yield* raises(
      timeout(0.01).run(function* () {
        try {
          yield* sleep(10);
        } catch (error) {
          cancelled = error instanceof CancelledError;
          throw error;
        }
      }),
      TimeoutError,
    );
    assert.equal(cancelled, true);
  }));

Deno.test("timeout test_timeout_not_called / test_timeout_disabled", () =>
  inTask(function* () {
    const cm = timeout(10);
    yield* cm.run(sleep(0.01));
    assert.equal(cm.expired(), false);
    assert.ok(cm.when()! > getRunningLoop().time());
    const none = timeout(null);
    yield* none.run(sleep(0.01));
    assert.equal(none.expired(), false);
    assert.equal(none.when(), null);
    const noneAt = timeoutAt(null);
    yield* noneAt.run(sleep(0.01));
    assert.equal(noneAt.when(), null);
  }));

Deno.test("timeout test_timeout_zero / test_timeout_zero_sleep_zero / test_timeout_in_the_past_sleep_zero", () =>
  inTask(function* () {
    for (const delay of [0, -11]) {
      for (const seconds of [10, 0]) {
        const cm = timeout(delay);
        yield* raises(cm.run(sleep(seconds)), TimeoutError);
        assert.equal(cm.expired(), true);
      }
    }
  }));

Deno.test("timeout test_foreign_exception_passed: other errors pass, not expired", () =>
  inTask(function* () {
    const cm = timeout(0.01);
    yield* raises(
      cm.run(function* () {
        throw new SyntaxError("mine");
      }),
      SyntaxError,
    );
    assert.equal(cm.expired(), false);
  }));

Deno.test("timeout test_foreign_exception_on_timeout: an error thrown while unwinding wins", () =>
  inTask(function* () {
    function* crash() {
      try {
        yield* sleep(1);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new RangeError("in finally");
      }
    }
    yield* raises(timeout(0.01).run(crash()), RangeError);
  }));

Deno.test("timeout test_foreign_cancel_doesnt_timeout_if_not_expired", () =>
  inTask(function* () {
    const cm = timeout(10);
    yield* raises(
      cm.run(function* () {
        currentTask()!.cancel();
        yield* sleep(10);
      }),
      CancelledError,
    );
    assert.equal(cm.expired(), false);
    currentTask()!.uncancel();
  }));

Deno.test("timeout test_outer_task_is_not_cancelled: the task goes on after a timeout", async () => {
  const { loop } = recordingLoop();
  const task = loop.createTask((function* () {
    yield* raises(timeout(0.001).run(sleep(10)), TimeoutError);
    yield* sleep(1);
    return "went on";
  })());
  assert.equal(await loop.runUntilComplete(task), "went on");
  assert.equal(task.cancelled(), false);
  assert.equal(task.cancelling(), 0);
  loop.close();
});

Deno.test("timeout test_reschedule: move the deadline, or remove it", () =>
  inTask(function* () {
    const loop = getRunningLoop();
    const deadline1 = loop.time() + 10, deadline2 = deadline1 + 20;
    const fut = loop.createFuture<Timeout>();
    const task = loop.createTask(
      timeoutAt(deadline1).run(function* (cm) {
        fut.setResult(cm);
        yield* sleep(50);
      }),
    );
    const cm = yield* fut;
    assert.equal(cm.when(), deadline1);
    cm.reschedule(deadline2);
    assert.equal(cm.when(), deadline2);
    cm.reschedule(null);
    assert.equal(cm.when(), null);
    task.cancel();
    yield* raises(task[Symbol.iterator](), CancelledError);
    assert.equal(cm.expired(), false);
  }));

Deno.test("timeout reschedule later: the block runs to the new deadline", () =>
  inTask(function* () {
    const cm = timeout(1);
    yield* raises(
      cm.run(function* (t) {
        yield* sleep(0.5);
        t.reschedule(getRunningLoop().time() + 2);
        yield* sleep(10);
      }),
      TimeoutError,
    );
    assert.equal(getRunningLoop().time(), 2.5);
  }));

Deno.test("timeout test_nested_timeout_in_finally: a timeout inside cleanup after a timeout", () =>
  inTask(function* () {
    yield* raises(
      timeout(0.01).run(function* () {
        try {
          yield* sleep(1);
        } finally {
          yield* raises(timeout(0.01).run(sleep(10)), TimeoutError);
        }
      }),
      TimeoutError,
    );
  }));

Deno.test("timeout test_timeout_exception_cause: the TimeoutError's cause is the CancelledError", () =>
  inTask(function* () {
    const error = yield* raises(timeout(0).run(sleep(1)), TimeoutError);
    assert.ok(error.cause instanceof CancelledError);
  }));

Deno.test("timeout test_timeout_double_enter / test_timeout_finished / test_timeout_not_entered", () =>
  inTask(function* () {
    const cm = timeout(0.01);
    assert.throws(() => cm.reschedule(0.02), /has not been entered/);
    yield* cm.run(sleep(0));
    yield* raises(cm.run(sleep(0)), Error);
    assert.throws(() => cm.reschedule(0.02), /finished/);
  }));

Deno.test("timeout: bad arguments fail at once (NaN: ValueError, a string: TypeError)", () =>
  inTask(function* () {
    assert.throws(() => timeout(NaN), ValueError);
    assert.throws(() => timeout("1" as unknown as number), TypeError);
    assert.throws(() => timeoutAt(NaN), ValueError);
    yield* sleep(0);
  }));

Deno.test("timeout around a TaskGroup: the group's tasks are cancelled at the deadline", () =>
  inTask(function* () {
    let cancelled = 0;
    function* child() {
      try {
        yield* sleep(10);
      } catch (error) {
        cancelled++;
        throw error;
      }
    }
    yield* raises(
      timeout(1).run(taskGroup(function* (g) {
        g.createTask(child());
        g.createTask(child());
      })),
      TimeoutError,
    );
    assert.equal(cancelled, 2);
    assert.equal(getRunningLoop().time(), 1);
    assert.equal(ExceptionGroup.name, "ExceptionGroup");
  }));
