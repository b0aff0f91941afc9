// CPython's Lib/test/test_asyncio/test_timeouts.py (3.12), ported to the course's API: each test
// is named after the CPython test it ports. `async with asyncio.timeout(d) as cm: ...` is
// `yield* timeout(d).run(function* (cm) { ... })`.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  EventLoop,
  getRunningLoop,
  sleep,
  type Timeout,
  timeout,
  timeoutAt,
  TimeoutError,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { caught, cpython, pyAssertRaises } from "./_port.ts";

const { port } = cpython("test_timeouts");

/** Keeps the thread busy, as CPython's time.sleep: the loop cannot run meanwhile. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* the loop is blocked */ }
}

port("test_timeout_basic", function* () {
  const cm = timeout(0.01);
  yield* assertRaises(cm.run(sleep(10)), TimeoutError);
  assert.equal(cm.expired(), true);
});

port("test_timeout_at_basic", function* () {
  const deadline = getRunningLoop().time() + 0.01;
  const cm = timeoutAt(deadline);
  yield* assertRaises(cm.run(sleep(10)), TimeoutError);
  assert.equal(cm.expired(), true);
  assert.equal(cm.when(), deadline);
});

port("test_nested_timeouts", function* () {
  let cancelled = false;
  const deadline = getRunningLoop().time() + 0.01;
  const cm1 = timeoutAt(deadline), cm2 = timeoutAt(deadline);
  yield* assertRaises(
    cm1.run(function* () {
      try { // only the outermost raises TimeoutError
        yield* cm2.run(sleep(10));
      } catch (error) {
        if (error instanceof CancelledError) cancelled = true;
        throw error;
      }
    }),
    TimeoutError,
  );
  assert.equal(cancelled, true);
  assert.equal(cm1.expired(), true);
  assert.equal(cm2.expired(), true);
});

port("test_waiter_cancelled", function* () {
  let cancelled = false;
  yield* assertRaises(
    timeout(0.01).run(function* () {
      try {
        yield* sleep(10);
      } catch (error) {
        if (error instanceof CancelledError) cancelled = true;
        throw error;
      }
    }),
    TimeoutError,
  );
  assert.equal(cancelled, true);
});

port("test_timeout_not_called", function* () {
  const loop = getRunningLoop();
  const t0 = loop.time();
  const cm = timeout(10);
  yield* cm.run(sleep(0.01));
  const t1 = loop.time();
  assert.equal(cm.expired(), false);
  assert.ok(t1 - t0 < 2);
  assert.ok(cm.when()! > t1);
});

for (
  const [name, make] of [["test_timeout_disabled", () => timeout(null)], [
    "test_timeout_at_disabled",
    () => timeoutAt(null),
  ]] as const
) {
  port(name, function* () {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const cm = make();
    yield* cm.run(sleep(0.01));
    assert.equal(cm.expired(), false);
    assert.equal(cm.when(), null);
    assert.ok(loop.time() - t0 < 2);
  });
}

for (
  const [name, delay, pause] of [["test_timeout_zero", 0, 10], [
    "test_timeout_zero_sleep_zero",
    0,
    0,
  ], ["test_timeout_in_the_past_sleep_zero", -11, 0]] as const
) {
  port(name, function* () {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const cm = timeout(delay);
    yield* assertRaises(cm.run(sleep(pause)), TimeoutError);
    const t1 = loop.time();
    assert.equal(cm.expired(), true);
    assert.ok(t1 - t0 < 2);
    if (delay === 0) assert.ok(t0 <= cm.when()! && cm.when()! <= t1);
    else assert.ok(t0 >= cm.when()! && cm.when()! <= t1);
  });
}

port("test_foreign_exception_passed", function* () {
  class KeyError extends Error {}
  const cm = timeout(0.01);
  yield* assertRaises(
    cm.run(function* () {
      throw new KeyError();
    }),
    KeyError,
  );
  assert.equal(cm.expired(), false);
});

port("test_foreign_exception_on_timeout", function* () {
  class ZeroDivisionError extends Error {}
  function* crash(): Coroutine<void> {
    try {
      yield* sleep(1);
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new ZeroDivisionError();
    }
  }
  yield* assertRaises(timeout(0.01).run(crash()), ZeroDivisionError);
});

port("test_foreign_cancel_doesnt_timeout_if_not_expired", function* () {
  const cm = timeout(10);
  yield* assertRaises(
    cm.run(function* () {
      currentTask()!.cancel();
      yield* sleep(10);
    }),
    CancelledError,
  );
  assert.equal(cm.expired(), false);
  currentTask()!.uncancel(); // (IsolatedAsyncioTestCase's task would end here, cancelled)
});

port("test_outer_task_is_not_cancelled", function* () {
  function* outer(): Coroutine<void> {
    yield* assertRaises(timeout(0.001).run(sleep(10)), TimeoutError);
  }
  const task = createTask(outer());
  yield* task;
  assert.equal(task.cancelled(), false);
  assert.equal(task.done(), true);
});

// The two "loop busy" tests block the thread (time.sleep): they run on the real clock. Their
// inner assertRaises sees a CancelledError, which unittest lets through: pyAssertRaises.
port("test_nested_timeouts_concurrent", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    yield* pyAssertRaises(
      timeout(0.002).run(function* () {
        yield* pyAssertRaises(
          timeout(0.1).run(function* () {
            busyFor(10); // pretend to crunch numbers
            yield* sleep(1);
          }),
          TimeoutError,
        );
      }),
      TimeoutError,
    );
  })());
  loop.close();
});

port("test_nested_timeouts_loop_busy", async () => {
  const loop = new EventLoop();
  const t0 = loop.time();
  await loop.runUntilComplete((function* () {
    yield* pyAssertRaises(
      timeout(0.1).run(function* () {
        yield* pyAssertRaises(
          timeout(0.01).run(function* () {
            busyFor(100); // the loop is busy for a while
            yield* sleep(1);
          }),
          TimeoutError,
        );
        yield* sleep(10); // interrupted by the outer timeout
      }),
      TimeoutError,
    );
  })());
  const t1 = loop.time();
  assert.ok(t0 <= t1 && t1 <= t0 + 1, `${t1 - t0}`);
  loop.close();
});

port("test_reschedule", function* () {
  const loop = getRunningLoop();
  const fut = loop.createFuture<Timeout>();
  const deadline1 = loop.time() + 10, deadline2 = deadline1 + 20;
  function* f(): Coroutine<void> {
    yield* timeoutAt(deadline1).run(function* (cm) {
      fut.setResult(cm);
      yield* sleep(50);
    });
  }
  const task = createTask(f());
  const cm = yield* fut;
  assert.equal(cm.when(), deadline1);
  cm.reschedule(deadline2);
  assert.equal(cm.when(), deadline2);
  cm.reschedule(null);
  assert.equal(cm.when(), null);
  task.cancel();
  yield* assertRaises(task[Symbol.iterator](), CancelledError);
  assert.equal(cm.expired(), false);
});

port("test_repr_active", function* () {
  yield* timeout(10).run(function* (cm) {
    assert.match(String(cm), /^<Timeout \[active\] when=\d+(\.\d*)?>$/);
    yield* sleep(0);
  });
});

port("test_repr_expired", function* () {
  const cm = timeout(0.01);
  yield* assertRaises(cm.run(sleep(10)), TimeoutError);
  assert.equal(String(cm), "<Timeout [expired]>");
});

port("test_repr_finished", function* () {
  const cm = timeout(10);
  yield* cm.run(sleep(0));
  assert.equal(String(cm), "<Timeout [finished]>");
});

port("test_repr_disabled", function* () {
  yield* timeout(null).run(function* (cm) {
    assert.equal(String(cm), "<Timeout [active] when=null>");
    yield* sleep(0);
  });
});

port("test_nested_timeout_in_finally", function* () {
  yield* assertRaises(
    timeout(0.01).run(function* () {
      try {
        yield* sleep(1);
      } finally {
        yield* assertRaises(timeout(0.01).run(sleep(10)), TimeoutError);
      }
    }),
    TimeoutError,
  );
});

port("test_timeout_after_cancellation", function* () {
  try {
    currentTask()!.cancel();
    yield* sleep(1); // work that is cancelled
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
  } finally {
    yield* assertRaises(timeout(0).run(sleep(1)), TimeoutError); // some cleanup
  }
  currentTask()!.uncancel(); // (IsolatedAsyncioTestCase's task would end cancelled)
});

port("test_cancel_in_timeout_after_cancellation", function* () {
  try {
    currentTask()!.cancel();
    yield* sleep(1);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
  } finally {
    yield* assertRaises(
      timeout(1).run(function* () {
        currentTask()!.cancel();
        yield* sleep(2); // some cleanup
      }),
      CancelledError,
    );
  }
  while (currentTask()!.uncancel() > 0) { /* (as above) */ }
});

port("test_timeout_exception_cause", function* () {
  const error = yield* caught(timeout(0).run(sleep(1)));
  assert.ok(error instanceof TimeoutError);
  assert.ok(error.cause instanceof CancelledError);
});
