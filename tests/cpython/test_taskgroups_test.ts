// CPython's Lib/test/test_asyncio/test_taskgroups.py (3.11, and the tests 3.12 added), ported
// to the course's API: each test is named after the CPython test it ports.
// `async with TaskGroup() as g: ...` is `yield* taskGroup(function* (g) { ... })`, and
// `except* E` is `group.split(E)`.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  Event,
  ExceptionGroup,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
  taskGroup,
  ValueError,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { caught, cpython } from "./_port.ts";

const { port } = cpython("test_taskgroups");

class MyExc extends Error {}
class ZeroDivisionError extends Error {}

/** CPython's get_error_types: the classes of a group's errors. */
function errorTypes(group: unknown): Set<unknown> {
  assert.ok(group instanceof ExceptionGroup, `expected an ExceptionGroup, got ${group}`);
  return new Set(group.exceptions.map((e) => (e as object).constructor));
}

function* divideByZeroAfter(seconds: number): Coroutine<never> {
  yield* sleep(seconds);
  throw new ZeroDivisionError("division by zero");
}

function* sleepThenReturn<T>(seconds: number, value: T): Coroutine<T> {
  yield* sleep(seconds);
  return value;
}

/** A task that sleeps 10 s and divides by zero when it is cancelled. */
function* failWhenCancelled(): Coroutine<void> {
  try {
    yield* sleep(10);
  } finally {
    // deno-lint-ignore no-unsafe-finally
    throw new ZeroDivisionError("division by zero");
  }
}

port("test_taskgroup_01", function* () {
  let t1!: Task<number>, t2!: Task<number>;
  yield* taskGroup((g) => {
    t1 = g.createTask(sleepThenReturn(0.1, 42));
    t2 = g.createTask(sleepThenReturn(0.2, 11));
  });
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
});

port("test_taskgroup_02", function* () {
  let t1!: Task<number>, t2!: Task<number>;
  yield* taskGroup(function* (g) {
    t1 = g.createTask(sleepThenReturn(0.1, 42));
    yield* sleep(0.15);
    t2 = g.createTask(sleepThenReturn(0.2, 11));
  });
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
});

port("test_taskgroup_03", function* () {
  let t1!: Task<number>, t2!: Task<number>;
  yield* taskGroup(function* (g) {
    t1 = g.createTask(sleepThenReturn(1, 42));
    yield* sleep(0.15);
    t1.cancel(); // by hand: everything else goes on
    t2 = g.createTask(sleepThenReturn(0.2, 11));
  });
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.result(), 11);
});

port("test_taskgroup_04", function* () {
  let num = 0, t2Cancel = false;
  let t2!: Task<void>;
  function* foo2(): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (error) {
      if (error instanceof CancelledError) t2Cancel = true;
      throw error;
    }
    num += 1;
  }
  function* runner(): Coroutine<void> {
    yield* taskGroup((g) => {
      g.createTask(divideByZeroAfter(0.1));
      t2 = g.createTask(foo2());
    });
    num += 10;
  }
  const error = yield* caught(createTask(runner())[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
  assert.equal(num, 0);
  assert.equal(t2Cancel, true);
  assert.equal(t2.cancelled(), true);
});

port("test_cancel_children_on_child_error", function* () {
  let num = 0, t2Cancel = false, runnerCancel = false;
  function* foo2(): Coroutine<void> {
    try {
      yield* sleep(5);
    } catch (error) {
      if (error instanceof CancelledError) t2Cancel = true;
      throw error;
    }
    num += 1;
  }
  function* runner(): Coroutine<void> {
    yield* taskGroup(function* (g) {
      for (let i = 0; i < 3; i++) g.createTask(divideByZeroAfter(0.1));
      g.createTask(foo2());
      try {
        yield* sleep(10);
      } catch (error) {
        if (error instanceof CancelledError) runnerCancel = true;
        throw error;
      }
    });
    num += 10;
  }
  const error = yield* caught(createTask(runner())[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
  assert.equal(num, 0);
  assert.equal(t2Cancel, true);
  assert.equal(runnerCancel, true);
});

function* countCancels(counter: { n: number }): Coroutine<void> {
  try {
    yield* sleep(5);
  } catch (error) {
    if (error instanceof CancelledError) counter.n += 1;
    throw error;
  }
}

port("test_cancellation", function* () {
  const counter = { n: 0 };
  const r = createTask(taskGroup((g) => {
    for (let i = 0; i < 5; i++) g.createTask(countCancels(counter));
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  yield* assertRaises(r[Symbol.iterator](), CancelledError);
  assert.equal(counter.n, 5);
});

port("test_taskgroup_07", function* () {
  const counter = { n: 0 };
  const r = createTask(taskGroup(function* (g) {
    for (let i = 0; i < 5; i++) g.createTask(countCancels(counter));
    try {
      yield* sleep(10);
    } catch (error) {
      if (error instanceof CancelledError) counter.n += 10;
      throw error;
    }
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  yield* assertRaises(r[Symbol.iterator](), CancelledError);
  assert.equal(counter.n, 15);
});

port("test_taskgroup_08", function* () {
  const r = createTask(taskGroup(function* (g) {
    for (let i = 0; i < 5; i++) g.createTask(failWhenCancelled());
    yield* sleep(10);
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
});

for (const [name, pause] of [["test_taskgroup_09", true], ["test_taskgroup_10", false]] as const) {
  port(name, function* () {
    let t1!: Task<number>, t2!: Task<number>;
    function* runner(): Coroutine<void> {
      yield* taskGroup(function* (g) {
        t1 = g.createTask(sleepThenReturn(1, 42));
        t2 = g.createTask(sleepThenReturn(2, 11));
        if (pause) yield* sleep(0.1);
        throw new ZeroDivisionError("division by zero");
      });
    }
    const error = yield* caught(runner());
    assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
    assert.equal(t1.cancelled(), true);
    assert.equal(t2.cancelled(), true);
  });
}

port("test_taskgroup_11", function* () {
  const r = createTask(taskGroup(function* () {
    yield* taskGroup(function* (g2) {
      for (let i = 0; i < 5; i++) g2.createTask(failWhenCancelled());
      yield* sleep(10);
    });
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = (yield* caught(r[Symbol.iterator]())) as ExceptionGroup;
  assert.deepEqual(errorTypes(error), new Set([ExceptionGroup]));
  assert.deepEqual(errorTypes(error.exceptions[0]), new Set([ZeroDivisionError]));
});

port("test_taskgroup_12", function* () {
  const r = createTask(taskGroup(function* (g1) {
    g1.createTask(sleep(10));
    yield* taskGroup(function* (g2) {
      for (let i = 0; i < 5; i++) g2.createTask(failWhenCancelled());
      yield* sleep(10);
    });
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = (yield* caught(r[Symbol.iterator]())) as ExceptionGroup;
  assert.deepEqual(errorTypes(error), new Set([ExceptionGroup]));
  assert.deepEqual(errorTypes(error.exceptions[0]), new Set([ZeroDivisionError]));
});

function* crashAfter(t: number): Coroutine<never> {
  yield* sleep(t);
  throw new ValueError(String(t));
}

port("test_taskgroup_13", function* () {
  const r = createTask(taskGroup(function* (g1) {
    g1.createTask(crashAfter(0.1));
    yield* taskGroup((g2) => {
      g2.createTask(crashAfter(10));
    });
  }));
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ValueError]));
});

port("test_taskgroup_14", function* () {
  const r = createTask(taskGroup(function* (g1) {
    g1.createTask(crashAfter(10));
    yield* taskGroup((g2) => {
      g2.createTask(crashAfter(0.1));
    });
  }));
  const error = (yield* caught(r[Symbol.iterator]())) as ExceptionGroup;
  assert.deepEqual(errorTypes(error), new Set([ExceptionGroup]));
  assert.deepEqual(errorTypes(error.exceptions[0]), new Set([ValueError]));
});

function* bodyCleaningUpSlowly(g1: TaskGroup): Coroutine<void> {
  g1.createTask(divideByZeroAfter(0.3));
  try {
    yield* sleep(10);
  } catch (error) {
    if (error instanceof CancelledError) yield* sleep(0.5);
    throw error;
  }
}

port("test_taskgroup_15", function* () {
  const r = createTask(taskGroup(bodyCleaningUpSlowly));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
});

port("test_taskgroup_16", function* () {
  function* runner(): Coroutine<void> {
    const t = createTask(taskGroup(bodyCleaningUpSlowly));
    yield* t;
  }
  const r = createTask(runner());
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
});

port("test_taskgroup_17", function* () {
  let num = 0;
  const r = createTask(taskGroup(function* () {
    try {
      yield* sleep(10);
    } catch (error) {
      if (error instanceof CancelledError) num += 10;
      throw error;
    }
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  yield* assertRaises(r[Symbol.iterator](), CancelledError);
  assert.equal(num, 10);
});

port("test_taskgroup_18", function* () {
  let num = 0;
  const r = createTask(taskGroup(function* () {
    try {
      yield* sleep(10);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      num += 10;
      throw new MyExc(); // a bad idea, but supported
    }
  }));
  yield* sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([MyExc]));
  assert.equal(num, 10);
});

port("test_taskgroup_19", function* () {
  function* nested(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new MyExc();
    }
  }
  const r = createTask(taskGroup(function* (g) {
    g.createTask(divideByZeroAfter(0.1));
    yield* nested();
  }));
  const error = yield* caught(r[Symbol.iterator]());
  assert.deepEqual(errorTypes(error), new Set([MyExc, ZeroDivisionError]));
});

port("test_taskgroup_22", function* () {
  const r = createTask(taskGroup((g) => {
    g.createTask(sleepThenReturn(1, 42));
    g.createTask(sleepThenReturn(2, 11));
  }));
  yield* sleep(0.05);
  r.cancel();
  yield* assertRaises(r[Symbol.iterator](), CancelledError);
});

port("test_taskgroup_23", function* () {
  // (CPython counts the private g._tasks; the group's description shows the same count)
  const tasksOf = (g: TaskGroup) => Number(/tasks=(\d+)/.exec(String(g))![1]);
  yield* taskGroup(function* (g) {
    for (let count = 0; count < 10; count++) {
      yield* sleep(0.1);
      g.createTask(sleep(0.3));
      if (count === 5) assert.ok(tasksOf(g) < 5);
    }
    yield* sleep(1.35);
    assert.equal(tasksOf(g), 0);
  });
});

port("test_taskgroup_24", function* () {
  function* root(g: TaskGroup): Coroutine<void> {
    yield* sleep(0.1);
    g.createTask(sleep(0.1));
    g.createTask(sleep(0.2));
  }
  yield* taskGroup((g) => {
    g.createTask(root(g));
  });
});

port("test_taskgroup_25", function* () {
  let nhydras = 0;
  function* hydra(g: TaskGroup): Coroutine<void> {
    nhydras += 1;
    yield* sleep(0.01);
    g.createTask(hydra(g));
    g.createTask(hydra(g));
  }
  function* hercules(): Coroutine<never> {
    while (nhydras < 10) yield* sleep(0.015);
    throw new ZeroDivisionError("division by zero");
  }
  const error = yield* caught(taskGroup((g) => {
    g.createTask(hydra(g));
    g.createTask(hercules());
  }));
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
  assert.ok(nhydras >= 10);
});

port("test_taskgroup_task_name", function* () {
  yield* taskGroup((g) => {
    const t = g.createTask(sleep(0), { name: "yolo" });
    assert.equal(t.getName(), "yolo");
  });
});

port("test_taskgroup_no_create_task_after_failure", function* () {
  function* coro1(): Coroutine<never> {
    yield* sleep(0.001);
    throw new ZeroDivisionError("division by zero");
  }
  function* coro2(g: TaskGroup): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      assert.throws(() => g.createTask(coro1()), RuntimeError);
    }
  }
  const error = yield* caught(taskGroup((g) => {
    g.createTask(coro1());
    g.createTask(coro2(g));
  }));
  assert.deepEqual(errorTypes(error), new Set([ZeroDivisionError]));
});

port("test_taskgroup_context_manager_exit_raises", function* () {
  class CustomException extends Error {}
  // deno-lint-ignore require-yield
  function* raiseExc(): Coroutine<never> {
    throw new CustomException();
  }
  function* main(): Coroutine<void> {
    const task = currentTask()!;
    try {
      yield* taskGroup(function* (tg) {
        try { // the asynccontextmanager `database()` whose exit raises
          tg.createTask(raiseExc());
          yield* sleep(1);
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new CustomException();
        }
      });
    } catch (error) {
      const [err] = (error as ExceptionGroup).split(CustomException);
      assert.ok(err !== null, "CustomException not raised");
      assert.equal(task.cancelling(), 0);
      assert.equal(err.exceptions.length, 2);
      return;
    }
    assert.fail("CustomException not raised");
  }
  yield* createTask(main());
});

port("test_taskgroup_already_entered", function* () {
  const tg = new TaskGroup();
  yield* tg.run(function* () {
    yield* assertRaises(
      tg.run(() => {}),
      RuntimeError,
    );
  });
});

port("test_taskgroup_double_enter", function* () {
  const tg = new TaskGroup();
  yield* tg.run(() => {});
  const error = yield* caught(tg.run(() => {}));
  assert.ok(error instanceof RuntimeError && /has already been entered/.test(error.message));
});

port("test_taskgroup_finished", function* () {
  const tg = new TaskGroup();
  yield* tg.run(() => {});
  const coro = sleep(0);
  assert.throws(
    () => tg.createTask(coro),
    (e) => e instanceof RuntimeError && /is finished/.test(e.message),
  );
  assert.deepEqual(coro.next(), { done: true, value: undefined }); // the coroutine was closed
});

port("test_taskgroup_not_entered", () => {
  const tg = new TaskGroup();
  assert.throws(
    () => tg.createTask(sleep(0)),
    (e) => e instanceof RuntimeError && /has not been entered/.test(e.message),
  );
});

port("test_taskgroup_without_parent_task", async (loop) => {
  const tg = new TaskGroup();
  let error: unknown = null;
  loop.callSoon(() => { // a plain callback: no task is running
    try {
      tg.enter();
    } catch (e) {
      error = e;
    }
  });
  await loop.runUntilComplete(sleep(0));
  assert.ok(error instanceof RuntimeError && /parent task/.test(error.message));
  assert.throws(
    () => tg.createTask(sleep(0)),
    (e) => e instanceof RuntimeError && /has not been entered/.test(e.message),
  );
});

port("test_coro_closed_when_tg_closed", function* () {
  let tg!: TaskGroup;
  yield* taskGroup((g) => {
    tg = g;
  });
  assert.throws(
    () => tg.createTask(sleep(0)),
    (e) => e instanceof RuntimeError && /is finished/.test(e.message),
  );
});

function* raiseAfter(t: number, E: new (message: string) => Error): Coroutine<never> {
  yield* sleep(t);
  throw new E("");
}

port("test_cancelling_level_preserved", function* () {
  try {
    yield* taskGroup((tg) => {
      tg.createTask(raiseAfter(0, RuntimeError));
    });
  } catch (error) {
    const [, rest] = (error as ExceptionGroup).split(RuntimeError);
    if (rest !== null) throw rest;
  }
  assert.equal(currentTask()!.cancelling(), 0);
});

port("test_nested_groups_both_cancelled", function* () {
  try {
    yield* taskGroup(function* (outerTg) {
      try {
        yield* taskGroup((innerTg) => {
          innerTg.createTask(raiseAfter(0, RuntimeError));
          outerTg.createTask(raiseAfter(0, ValueError));
        });
        assert.fail("RuntimeError not raised");
      } catch (error) {
        const [, rest] = (error as ExceptionGroup).split(RuntimeError);
        if (rest !== null) throw rest;
      }
      assert.equal(currentTask()!.cancelling(), 1);
    });
    assert.fail("ValueError not raised");
  } catch (error) {
    const [, rest] = (error as ExceptionGroup).split(ValueError);
    if (rest !== null) throw rest;
  }
  assert.equal(currentTask()!.cancelling(), 0);
});

port("test_error_and_cancel", function* () {
  const event = new Event();
  function* raiseError(): Coroutine<never> {
    event.set();
    yield* sleep(0);
    throw new RuntimeError("");
  }
  function* inner(): Coroutine<void> {
    try {
      yield* taskGroup(function* (tg) {
        tg.createTask(raiseError());
        yield* sleep(1);
        assert.fail("Sleep in group should have been cancelled");
      });
    } catch (error) {
      const [, rest] = (error as ExceptionGroup).split(RuntimeError);
      if (rest !== null) throw rest;
      assert.equal(currentTask()!.cancelling(), 1);
    }
    assert.equal(currentTask()!.cancelling(), 1);
    yield* sleep(1);
    assert.fail("Sleep after group should have been cancelled");
  }
  const t = createTask(inner());
  yield* event.wait();
  assert.equal(t.cancelling(), 0);
  t.cancel();
  assert.equal(t.cancelling(), 1);
  yield* assertRaises(t[Symbol.iterator](), CancelledError);
  assert.equal(t.cancelled(), true);
});
