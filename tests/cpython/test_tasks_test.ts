// CPython's Lib/test/test_asyncio/test_tasks.py (3.11), ported to the course's API: each test is
// named after the CPython test it ports. `async def` is a generator function, `await x` is
// `yield* x`, and CPython's TestLoop (time advanced by hand) is the loop's virtual clock.
import assert from "node:assert/strict";
import {
  allTasks,
  asCompleted,
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  ensureFuture,
  EventLoop,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  gather,
  InvalidStateError,
  isCoroutine,
  RuntimeError,
  shield,
  sleep,
  Task,
  TimeoutError,
  type TimerHandle,
  ValueError,
  wait,
} from "@course/lib";
import { cpython, runBriefly } from "./_port.ts";

const { port, differs } = cpython("test_tasks");

// deno-lint-ignore require-yield
function* notmuch(): Coroutine<string> {
  return "ok";
}

/** The innermost error of a chain of causes, as CPython's get_innermost_context. */
function innermostCause(error: unknown): [unknown, string, number] {
  let depth = 0;
  let current = error as Error;
  while (current.cause !== undefined) {
    current = current.cause as Error;
    depth += 1;
  }
  return [current.constructor, current.message, depth];
}

port("test_task_cancel_message_getter", async (loop) => {
  function* coro(): Coroutine<void> {}
  const t = loop.createTask(coro());
  t.cancel("my message");
  await assert.rejects(
    loop.runUntilComplete(t),
    (e) => e instanceof CancelledError && e.message === "my message",
  );
});

port("test_other_loop_future", async (loop) => {
  const otherLoop = new EventLoop({ clock: "virtual" });
  const fut = new Future(otherLoop);
  function* run(f: Future<unknown>): Coroutine<void> {
    yield* f;
  }
  try {
    await assert.rejects(
      loop.runUntilComplete(run(fut)),
      (e) => e instanceof RuntimeError && /Task .* got Future .* attached/.test(e.message),
    );
  } finally {
    otherLoop.close();
  }
});

port("test_task_awaits_on_itself", async (loop) => {
  function* test(): Coroutine<void> {
    yield* task;
  }
  const task: Task<void> = ensureFuture(test(), loop) as Task<void>;
  await assert.rejects(
    loop.runUntilComplete(task),
    (e) => e instanceof RuntimeError && /Task cannot await on itself/.test(e.message),
  );
});

port("test_task_class", async (loop) => {
  const t = loop.createTask(notmuch());
  await loop.runUntilComplete(t);
  assert.equal(t.done(), true);
  assert.equal(t.result(), "ok");
  assert.equal(t.getLoop(), loop);
  const other = new EventLoop({ clock: "virtual" });
  const t2 = new Task(notmuch(), other);
  assert.equal(t2.getLoop(), other);
  await other.runUntilComplete(t2);
  other.close();
});

port("test_ensure_future_coroutine", async (loop) => {
  const t = ensureFuture(notmuch(), loop);
  assert.equal(t.getLoop(), loop);
  await loop.runUntilComplete(t);
  assert.equal(t.result(), "ok");
  assert.throws(() => ensureFuture(notmuch()), RuntimeError); // no running loop
  // deno-lint-ignore require-yield
  const t2 = await loop.runUntilComplete((function* () {
    return ensureFuture(notmuch());
  })());
  assert.equal(t2.getLoop(), loop);
  await loop.runUntilComplete(t2);
  assert.equal(t2.result(), "ok");
});

port("test_ensure_future_future", async (loop) => {
  const fOrig = new Future<string>(loop);
  fOrig.setResult("ko");
  const f = ensureFuture(fOrig);
  await loop.runUntilComplete(f);
  assert.equal(f.result(), "ko");
  assert.equal(f, fOrig);
  const other = new EventLoop({ clock: "virtual" });
  assert.throws(() => ensureFuture(fOrig, other), ValueError);
  other.close();
  assert.equal(ensureFuture(fOrig, loop), fOrig);
});

port("test_ensure_future_task", async (loop) => {
  const tOrig = loop.createTask(notmuch());
  const t = ensureFuture(tOrig);
  await loop.runUntilComplete(t);
  assert.equal(t.result(), "ok");
  assert.equal(t, tOrig);
  const other = new EventLoop({ clock: "virtual" });
  assert.throws(() => ensureFuture(tOrig, other), ValueError);
  other.close();
  assert.equal(ensureFuture(tOrig, loop), tOrig);
});

port("test_ensure_future_neither", () => {
  assert.throws(() => ensureFuture("ok" as never), TypeError);
});

port("test_ensure_future_error_msg", (loop) => {
  const other = new EventLoop({ clock: "virtual" });
  const f = new Future(loop);
  assert.throws(
    () => ensureFuture(f, other),
    (e) =>
      e instanceof ValueError &&
      /The future belongs to a different loop than the one specified as the loop argument/i
        .test(e.message),
  );
  other.close();
});

port("test_task_repr_wait_for", async (loop) => {
  function* waitFor(fut: Future<void>): Coroutine<void> {
    return yield* fut;
  }
  const fut = new Future<void>(loop);
  const task = loop.createTask(waitFor(fut));
  await runBriefly(loop);
  assert.match(String(task), new RegExp(`<Task .* wait_for=${escape(String(fut))}>`));
  fut.setResult();
  await loop.runUntilComplete(task);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

port("test_task_repr_autogenerated", async (loop) => {
  // deno-lint-ignore require-yield
  function* notmuch123(): Coroutine<number> {
    return 123;
  }
  const t1 = loop.createTask(notmuch123()), t2 = loop.createTask(notmuch123());
  assert.notEqual(String(t1), String(t2));
  const match1 = /^<Task pending name='Task-(\d+)'/.exec(String(t1));
  const match2 = /^<Task pending name='Task-(\d+)'/.exec(String(t2));
  assert.ok(match1 !== null && match2 !== null);
  assert.ok(Number(match1[1]) < Number(match2[1])); // numbers increase
  await loop.runUntilComplete(t1);
  await loop.runUntilComplete(t2);
});

port("test_task_repr_name_not_str", async (loop) => {
  // deno-lint-ignore require-yield
  function* notmuch123(): Coroutine<number> {
    return 123;
  }
  const t = loop.createTask(notmuch123());
  t.setName({ toString: () => "some name" } as never);
  assert.match(String(t), /name='some name'/);
  await loop.runUntilComplete(t);
});

port("test_task_basics", async (loop) => {
  function* outer(): Coroutine<number> {
    const a = yield* inner1();
    const b = yield* inner2();
    return a + b;
  }
  // deno-lint-ignore require-yield
  function* inner1(): Coroutine<number> {
    return 42;
  }
  // deno-lint-ignore require-yield
  function* inner2(): Coroutine<number> {
    return 1000;
  }
  assert.equal(await loop.runUntilComplete(outer()), 1042);
});

port("test_cancelling", async (loop) => {
  function* task(): Coroutine<void> {
    yield* sleep(10);
  }
  const t = loop.createTask(task());
  assert.equal(t.cancelling(), 0);
  assert.doesNotMatch(String(t), / cancelling /);
  assert.equal(t.cancel(), true);
  assert.ok(t.cancelling());
  assert.match(String(t), / cancelling /);
  assert.equal(t.cancel(), true);
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
});

port("test_uncancel_basic", async (loop) => {
  function* task(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      currentTask()!.uncancel();
      yield* sleep(10);
    }
  }
  const t = loop.createTask(task());
  await loop.runUntilComplete(sleep(0.01));
  assert.equal(t.cancel(), true);
  assert.match(String(t), / cancelling /);
  assert.equal(t.cancelling(), 1);
  assert.equal(t.cancelled(), false);
  await loop.runUntilComplete(sleep(0.01));
  assert.doesNotMatch(String(t), / cancelling /);
  assert.equal(t.cancelling(), 0);
  assert.equal(t.cancelled(), false);
  assert.equal(t.cancel(), true);
  assert.equal(t.cancelling(), 1);
  assert.equal(t.cancelled(), false);
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.cancelled(), true);
  assert.equal(t.done(), true);
  t.uncancel(); // no longer effective once the task is done
  assert.equal(t.cancelled(), true);
  assert.equal(t.done(), true);
});

port("test_uncancel_structured_blocks", async (loop) => {
  function* makeRequestWithTimeout(
    sleepFor: number,
    timeout: number,
  ): Coroutine<[boolean, boolean, boolean]> {
    const task = currentTask()!;
    const loop = task.getLoop();
    let timedOut = false, structuredBlockFinished = false, outerCodeReached = false;
    const timeoutHandle = loop.callLater(timeout, () => {
      timedOut = true;
      task.cancel();
    });
    try {
      let raised: unknown = null;
      try {
        yield* sleep(sleepFor);
        structuredBlockFinished = true;
      } catch (error) {
        raised = error;
        throw error;
      } finally {
        timeoutHandle.cancel();
        if (timedOut && task.uncancel() === 0 && raised instanceof CancelledError) {
          // deno-lint-ignore no-unsafe-finally
          throw new TimeoutError();
        }
      }
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      assert.equal(timedOut, true);
    }
    outerCodeReached = true;
    yield* sleep(0);
    return [timedOut, structuredBlockFinished, outerCodeReached];
  }
  const t1 = loop.createTask(makeRequestWithTimeout(10, 0.1));
  assert.deepEqual(await loop.runUntilComplete(t1), [true, false, true]);
  assert.equal(t1.cancelling(), 0);
  const t2 = loop.createTask(makeRequestWithTimeout(0, 10));
  assert.deepEqual(await loop.runUntilComplete(t2), [false, true, true]);
  assert.equal(t2.cancelling(), 0);
});

port("test_cancel", async (loop) => {
  function* task(): Coroutine<number> {
    yield* sleep(10);
    return 12;
  }
  const t = loop.createTask(task());
  loop.callSoon(() => t.cancel());
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.done(), true);
  assert.equal(t.cancelled(), true);
  assert.equal(t.cancel(), false);
  assert.ok(loop.time() < 10); // CPython's TestLoop: the sleep's timer was never waited for
});

for (
  const [name, read] of [
    ["test_cancel_with_message_then_future_result", (t: Task<void>) => t.result()],
    ["test_cancel_with_message_then_future_exception", (t: Task<void>) => t.exception()],
  ] as const
) {
  port(name, async () => {
    const cases: [string | undefined, string][] = [[undefined, ""], ["my message", "my message"]];
    for (const [cancelArg, expected] of cases) {
      const loop = new EventLoop({ clock: "virtual" });
      const sleeper = function* (): Coroutine<void> {
        yield* sleep(10);
      };
      const coro = function* (): Coroutine<void> {
        const task = loop.createTask(sleeper());
        yield* sleep(0);
        task.cancel(cancelArg);
        yield* wait([task]);
        read(task);
      };
      const task = loop.createTask(coro());
      let caught: unknown = null;
      try {
        await loop.runUntilComplete(task);
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof CancelledError);
      assert.equal(caught.message, expected);
      const [kind, message] = innermostCause(caught);
      assert.equal(kind, CancelledError);
      assert.equal(message, expected);
      loop.close();
    }
  });
}

port("test_cancellation_exception_context", async (loop) => {
  const fut = loop.createFuture<void>();
  function* sleeper(): Coroutine<void> {
    fut.setResult();
    yield* sleep(10);
  }
  function* coro(): Coroutine<void> {
    const innerTask = loop.createTask(sleeper());
    yield* fut;
    loop.callSoon(() => innerTask.cancel("msg"));
    try {
      yield* innerTask;
    } catch (ex) {
      throw new ValueError("cancelled", { cause: ex });
    }
  }
  const task = loop.createTask(coro());
  let caught: unknown = null;
  try {
    await loop.runUntilComplete(task);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValueError);
  assert.equal(caught.message, "cancelled");
  const [kind, message, depth] = innermostCause(caught);
  assert.equal(kind, CancelledError);
  assert.equal(message, "msg");
  assert.equal(depth, 1);
});

port("test_cancel_with_message_before_starting_task", async (loop) => {
  function* sleeper(): Coroutine<void> {
    yield* sleep(10);
  }
  function* coro(): Coroutine<void> {
    const task = loop.createTask(sleeper());
    task.cancel("my message"); // deliberately no sleep before it
    yield* wait([task]);
    task.exception();
  }
  const task = loop.createTask(coro());
  await assert.rejects(
    loop.runUntilComplete(task),
    (e) => e instanceof CancelledError && e.message === "my message",
  );
});

port("test_cancel_yield", async (loop) => {
  function* task(): Coroutine<number> {
    yield* sleep(0);
    yield* sleep(0);
    return 12;
  }
  const t = loop.createTask(task());
  await runBriefly(loop);
  t.cancel();
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.done(), true);
  assert.equal(t.cancelled(), true);
  assert.equal(t.cancel(), false);
});

port("test_cancel_inner_future", async (loop) => {
  const f = loop.createFuture<void>();
  function* task(): Coroutine<number> {
    yield* f;
    return 12;
  }
  const t = loop.createTask(task());
  await runBriefly(loop);
  f.cancel();
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(f.cancelled(), true);
  assert.equal(t.cancelled(), true);
});

port("test_cancel_both_task_and_inner_future", async (loop) => {
  const f = loop.createFuture<void>();
  function* task(): Coroutine<number> {
    yield* f;
    return 12;
  }
  const t = loop.createTask(task());
  await runBriefly(loop);
  f.cancel();
  t.cancel();
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.done(), true);
  assert.equal(f.cancelled(), true);
  assert.equal(t.cancelled(), true);
});

port("test_cancel_task_catching", async (loop) => {
  const fut1 = loop.createFuture<void>(), fut2 = loop.createFuture<void>();
  function* task(): Coroutine<number | undefined> {
    yield* fut1;
    try {
      yield* fut2;
    } catch (error) {
      if (error instanceof CancelledError) return 42;
      throw error;
    }
  }
  const t = loop.createTask(task());
  await runBriefly(loop);
  fut1.setResult();
  await runBriefly(loop);
  t.cancel();
  assert.equal(fut2.cancelled(), true);
  assert.equal(await loop.runUntilComplete(t), 42);
  assert.equal(t.cancelled(), false);
});

port("test_cancel_task_ignoring", async (loop) => {
  const fut1 = loop.createFuture<void>(), fut2 = loop.createFuture<void>();
  const fut3 = loop.createFuture<number>();
  function* task(): Coroutine<number> {
    yield* fut1;
    try {
      yield* fut2;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
    return yield* fut3;
  }
  const t = loop.createTask(task());
  await runBriefly(loop);
  fut1.setResult();
  await runBriefly(loop);
  t.cancel();
  assert.equal(fut2.cancelled(), true);
  await runBriefly(loop);
  fut3.setResult(42);
  assert.equal(await loop.runUntilComplete(t), 42);
  assert.equal(fut3.cancelled(), false);
  assert.equal(t.cancelled(), false);
});

port("test_cancel_current_task", async (loop) => {
  function* task(): Coroutine<number> {
    t.cancel();
    yield* sleep(100); // cancelled at once
    return 12;
  }
  const t: Task<number> = loop.createTask(task());
  assert.equal(t.cancelled(), false);
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.done(), true);
  assert.equal(t.cancelled(), true);
  assert.equal(t.cancel(), false);
  assert.equal(loop.time(), 0);
});

port("test_cancel_at_end", async (loop) => {
  // deno-lint-ignore require-yield
  function* task(): Coroutine<number> {
    t.cancel();
    return 12;
  }
  const t: Task<number> = loop.createTask(task());
  assert.equal(t.cancelled(), false);
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
  assert.equal(t.done(), true);
  assert.equal(t.cancelled(), true);
  assert.equal(t.cancel(), false);
});

port("test_cancel_awaited_task", async (loop) => {
  let nestedTask: Task<void> | null = null;
  const fut = loop.createFuture<void>();
  function* nested(): Coroutine<void> {
    yield* fut;
  }
  function* coro(): Coroutine<void> {
    nestedTask = loop.createTask(nested());
    yield* sleep(0);
    task.cancel();
    yield* nestedTask; // cancelled at once
  }
  const task: Task<void> = loop.createTask(coro());
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(task.cancelled(), true);
  assert.equal(nestedTask!.cancelled(), true);
  assert.equal(fut.cancelled(), true);
});

port("test_stop_while_run_in_complete", async (loop) => {
  let x = 0;
  function* task(): Coroutine<void> {
    while (x < 10) {
      yield* sleep(0.1);
      x += 1;
      if (x === 2) loop.stop();
    }
  }
  const t = loop.createTask(task());
  await assert.rejects(
    loop.runUntilComplete(t),
    (e) => e instanceof RuntimeError && /stopped before the future completed/i.test(e.message),
  );
  assert.equal(t.done(), false);
  assert.equal(x, 2);
  assert.ok(Math.abs(loop.time() - 0.2) < 1e-9); // CPython's TestLoop moves its clock as soon as a timer is set, so it reads 0.3
  t.cancel();
  await assert.rejects(loop.runUntilComplete(t), CancelledError);
});

// ---------------------------------------------------------------- wait, asCompleted

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

port("test_wait", async (loop) => {
  const a = loop.createTask(sleep(0.1)), b = loop.createTask(sleep(0.15));
  function* foo(): Coroutine<number> {
    const [done, pending] = yield* wait([b, a]);
    assert.deepEqual(done, new Set([a, b]));
    assert.deepEqual(pending, new Set());
    return 42;
  }
  assert.equal(await loop.runUntilComplete(loop.createTask(foo())), 42);
  assert.ok(near(loop.time(), 0.15));
  // again: takes no time and goes through another path
  assert.equal(await loop.runUntilComplete(loop.createTask(foo())), 42);
  assert.ok(near(loop.time(), 0.15));
});

// deno-lint-ignore require-yield
function* coroReturning<T>(s: T): Coroutine<T> {
  return s;
}

port("test_wait_duplicate_coroutines", async (loop) => {
  const c = loop.createTask(coroReturning("test"));
  const task = loop.createTask(wait([c, c, loop.createTask(coroReturning("spam"))]));
  const [done, pending] = await loop.runUntilComplete(task);
  assert.equal(pending.size, 0);
  assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(["test", "spam"]));
});

port("test_wait_errors", async (loop) => {
  await assert.rejects(loop.runUntilComplete(wait(new Set<Future<void>>())), ValueError);
  const sleepTask = loop.createTask(sleep(10));
  await assert.rejects(
    loop.runUntilComplete(wait([sleepTask], { returnWhen: -1 as never })),
    ValueError,
  );
  sleepTask.cancel();
});

port("test_wait_first_completed", async (loop) => {
  const a = loop.createTask(sleep(10)), b = loop.createTask(sleep(0.1));
  const task = loop.createTask(wait([b, a], { returnWhen: FIRST_COMPLETED }));
  const [done, pending] = await loop.runUntilComplete(task);
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.equal(a.done(), false);
  assert.equal(b.done(), true);
  assert.equal(b.result(), undefined);
  assert.ok(near(loop.time(), 0.1));
  await loop.runUntilComplete(wait([a, b]));
});

port("test_wait_really_done", async (loop) => {
  function* coro1(): Coroutine<void> {
    yield* sleep(0);
  }
  function* coro2(): Coroutine<void> {
    yield* sleep(0);
    yield* sleep(0);
  }
  const a = loop.createTask(coro1()), b = loop.createTask(coro2());
  const task = loop.createTask(wait([b, a], { returnWhen: FIRST_COMPLETED }));
  const [done] = await loop.runUntilComplete(task);
  assert.deepEqual(done, new Set([a, b]));
  assert.equal(a.result(), undefined);
  assert.equal(b.result(), undefined);
});

class ZeroDivisionError extends Error {}

port("test_wait_first_exception", async (loop) => {
  const a = loop.createTask(sleep(10));
  // deno-lint-ignore require-yield
  function* exc(): Coroutine<never> {
    throw new ZeroDivisionError("err");
  }
  const b = loop.createTask(exc());
  const task = loop.createTask(wait([b, a], { returnWhen: FIRST_EXCEPTION }));
  const [done, pending] = await loop.runUntilComplete(task);
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.equal(loop.time(), 0);
  await loop.runUntilComplete(wait([a, b]));
  b.exception();
});

port("test_wait_first_exception_in_wait", async (loop) => {
  const a = loop.createTask(sleep(10));
  function* exc(): Coroutine<never> {
    yield* sleep(0.01);
    throw new ZeroDivisionError("err");
  }
  const b = loop.createTask(exc());
  const [done, pending] = await loop.runUntilComplete(
    wait([b, a], { returnWhen: FIRST_EXCEPTION }),
  );
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.ok(near(loop.time(), 0.01));
  await loop.runUntilComplete(wait([a, b]));
  b.exception();
});

port("test_wait_with_exception", async (loop) => {
  const a = loop.createTask(sleep(0.1));
  function* sleeper(): Coroutine<never> {
    yield* sleep(0.15);
    throw new ZeroDivisionError("really");
  }
  const b = loop.createTask(sleeper());
  function* foo(): Coroutine<void> {
    const [done, pending] = yield* wait([b, a]);
    assert.equal(done.size, 2);
    assert.equal(pending.size, 0);
    assert.equal([...done].filter((f) => f.exception() !== null).length, 1);
  }
  await loop.runUntilComplete(loop.createTask(foo()));
  assert.ok(near(loop.time(), 0.15));
  await loop.runUntilComplete(loop.createTask(foo()));
  assert.ok(near(loop.time(), 0.15));
});

port("test_wait_with_timeout", async (loop) => {
  const a = loop.createTask(sleep(0.1)), b = loop.createTask(sleep(0.15));
  function* foo(): Coroutine<void> {
    const [done, pending] = yield* wait([b, a], { timeout: 0.11 });
    assert.deepEqual(done, new Set([a]));
    assert.deepEqual(pending, new Set([b]));
  }
  await loop.runUntilComplete(loop.createTask(foo()));
  assert.ok(near(loop.time(), 0.11));
  await loop.runUntilComplete(wait([a, b]));
});

port("test_wait_concurrent_complete", async (loop) => {
  const a = loop.createTask(sleep(0.1)), b = loop.createTask(sleep(0.15));
  const [done, pending] = await loop.runUntilComplete(wait([b, a], { timeout: 0.1 }));
  assert.deepEqual(done, new Set([a]));
  assert.deepEqual(pending, new Set([b]));
  assert.ok(near(loop.time(), 0.1));
  await loop.runUntilComplete(wait([a, b]));
});

port("test_wait_with_iterator_of_tasks", async (loop) => {
  const a = loop.createTask(sleep(0.1)), b = loop.createTask(sleep(0.15));
  function* foo(): Coroutine<number> {
    const [done, pending] = yield* wait([b, a][Symbol.iterator]());
    assert.deepEqual(done, new Set([a, b]));
    assert.deepEqual(pending, new Set());
    return 42;
  }
  assert.equal(await loop.runUntilComplete(loop.createTask(foo())), 42);
  assert.ok(near(loop.time(), 0.15));
});

port("test_as_completed", async (loop) => {
  const completed = new Set<string>();
  function* sleeper(dt: number, x: string): Coroutine<string> {
    yield* sleep(dt);
    completed.add(x);
    return x;
  }
  const a = sleeper(0.01, "a"), b = sleeper(0.01, "b"), c = sleeper(0.15, "c");
  function* foo(): Coroutine<string[]> {
    const values: string[] = [];
    for (const f of asCompleted([b, c, a])) values.push(yield* f);
    return values;
  }
  const res = await loop.runUntilComplete(loop.createTask(foo()));
  assert.ok(near(loop.time(), 0.15));
  assert.ok(res.slice(0, 2).includes("a"));
  assert.ok(res.slice(0, 2).includes("b"));
  assert.equal(res[2], "c");
});

port("test_as_completed_with_timeout", async (loop) => {
  const a = loop.createTask(sleep(0.1, "a")), b = loop.createTask(sleep(0.15, "b"));
  function* foo(): Coroutine<[number, unknown][]> {
    const values: [number, unknown][] = [];
    for (const f of asCompleted([a, b], { timeout: 0.12 })) {
      try {
        values.push([1, yield* f]);
      } catch (exc) {
        if (!(exc instanceof TimeoutError)) throw exc;
        values.push([2, exc]);
      }
    }
    return values;
  }
  const res = await loop.runUntilComplete(loop.createTask(foo()));
  assert.equal(res.length, 2);
  assert.deepEqual(res[0], [1, "a"]);
  assert.equal(res[1][0], 2);
  assert.ok(res[1][1] instanceof TimeoutError);
  assert.ok(near(loop.time(), 0.12));
  await loop.runUntilComplete(wait([a, b]));
});

port("test_as_completed_with_unused_timeout", async (loop) => {
  const a = sleep(0.01, "a");
  function* foo(): Coroutine<void> {
    for (const f of asCompleted([a], { timeout: 1 })) assert.equal(yield* f, "a");
  }
  await loop.runUntilComplete(loop.createTask(foo()));
});

port("test_as_completed_reverse_wait", async (loop) => {
  const a = sleep(0.05, "a"), b = sleep(0.1, "b");
  function* test(): Coroutine<void> {
    const futs = [...asCompleted(new Set([a, b]))];
    assert.equal(futs.length, 2);
    assert.equal(yield* futs[1], "a");
    assert.ok(near(loop.time(), 0.05));
    assert.equal(yield* futs[0], "b");
    assert.ok(near(loop.time(), 0.1));
  }
  await loop.runUntilComplete(test());
});

port("test_as_completed_concurrent", async (loop) => {
  const a = sleep(0.05, "a"), b = sleep(0.05, "b");
  function* test(): Coroutine<void> {
    const futs = [...asCompleted(new Set([a, b]))];
    assert.equal(futs.length, 2);
    const [done] = yield* wait(futs.map((fut) => ensureFuture(fut)));
    assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(["a", "b"]));
  }
  await loop.runUntilComplete(test());
});

port("test_as_completed_duplicate_coroutines", async (loop) => {
  function* runner(): Coroutine<string[]> {
    const result: string[] = [];
    const c = coroReturning("ham");
    for (const f of asCompleted([c, c, coroReturning("spam")])) result.push(yield* f);
    return result;
  }
  const fut = loop.createTask(runner());
  await loop.runUntilComplete(fut);
  const result = fut.result();
  assert.deepEqual(new Set(result), new Set(["ham", "spam"]));
  assert.equal(result.length, 2);
});

port("test_as_completed_coroutine_without_loop", () => {
  const a = coroReturning(42);
  assert.throws(() => [...asCompleted([a])], RuntimeError);
});

port("test_as_completed_coroutine_use_running_loop", async (loop) => {
  function* test(): Coroutine<void> {
    const futs = [...asCompleted([coroReturning(42)])];
    assert.equal(futs.length, 1);
    assert.equal(yield* futs[0], 42);
  }
  await loop.runUntilComplete(test());
});

// ---------------------------------------------------------------- sleep, steps, currentTask

port("test_sleep", async (loop) => {
  function* sleeper(dt: number, arg: string): Coroutine<string> {
    yield* sleep(dt / 2);
    return yield* sleep(dt / 2, arg);
  }
  const t = loop.createTask(sleeper(0.1, "yeah"));
  await loop.runUntilComplete(t);
  assert.equal(t.done(), true);
  assert.equal(t.result(), "yeah");
  assert.ok(near(loop.time(), 0.1));
});

port("test_sleep_cancel", async (loop) => {
  const t = loop.createTask(sleep(10, "yeah"));
  let handle: TimerHandle | null = null;
  const originalCallLater = loop.callLater.bind(loop);
  loop.callLater = ((delay: number, callback: () => void, ...args: []) => {
    handle = originalCallLater(delay, callback, ...args);
    return handle;
  }) as typeof loop.callLater;
  await runBriefly(loop);
  assert.equal(handle!.cancelled(), false);
  t.cancel();
  await runBriefly(loop);
  assert.equal(handle!.cancelled(), true);
});

port("test_task_cancel_sleeping_task", async (loop) => {
  function* doit(): Coroutine<string> {
    const sleeper = loop.createTask(sleep(5000));
    loop.callLater(0.1, () => sleeper.cancel());
    try {
      yield* sleeper;
    } catch (error) {
      if (error instanceof CancelledError) return "cancelled";
      throw error;
    }
    return "slept in";
  }
  assert.equal(await loop.runUntilComplete(doit()), "cancelled");
  assert.ok(near(loop.time(), 0.1));
});

port("test_task_cancel_waiter_future", async (loop) => {
  const fut = loop.createFuture<void>();
  function* coro(): Coroutine<void> {
    yield* fut;
  }
  const task = loop.createTask(coro());
  await runBriefly(loop);
  assert.equal(task._futWaiter, fut); // white-box, as CPython's test
  task.cancel();
  await runBriefly(loop);
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(task._futWaiter, null);
  assert.equal(fut.cancelled(), true);
});

port("test_task_set_methods", async (loop) => {
  // deno-lint-ignore require-yield
  function* notmuchKo(): Coroutine<string> {
    return "ko";
  }
  const task = loop.createTask(notmuchKo());
  assert.throws(
    () => task.setResult("ok"),
    (e) => e instanceof RuntimeError && /not support setResult/.test(e.message),
  );
  assert.throws(
    () => task.setException(new ValueError("")),
    (e) => e instanceof RuntimeError && /not support setException/.test(e.message),
  );
  assert.equal(await loop.runUntilComplete(task), "ko");
});

port("test_step_result_future", async (loop) => {
  // a task waits on a future through the future's own addDoneCallback
  class Fut<T> extends Future<T> {
    cbAdded = false;
    override addDoneCallback(callback: (future: Future<T>) => unknown): void {
      this.cbAdded = true;
      super.addDoneCallback(callback);
    }
  }
  const fut = new Fut<object>(loop);
  let result: object | null = null;
  function* waitForFuture(): Coroutine<void> {
    result = yield* fut;
  }
  const t = loop.createTask(waitForFuture());
  await runBriefly(loop);
  assert.equal(fut.cbAdded, true);
  const res = {};
  fut.setResult(res);
  await runBriefly(loop);
  assert.equal(result, res);
  assert.equal(t.done(), true);
  assert.equal(t.result(), undefined);
});

port("test_coroutine_non_gen_function", async (loop) => {
  // deno-lint-ignore require-yield
  function* func(): Coroutine<string> {
    return "test";
  }
  const coro = func();
  assert.equal(isCoroutine(coro), true);
  assert.equal(await loop.runUntilComplete(coro), "test");
});

port("test_coroutine_non_gen_function_return_future", async (loop) => {
  const fut = loop.createFuture<string>();
  // deno-lint-ignore require-yield
  function* func(): Coroutine<Future<string>> {
    return fut;
  }
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<void> {
    fut.setResult("test");
  }
  const t1 = loop.createTask(func()), t2 = loop.createTask(coro());
  assert.equal(await loop.runUntilComplete(t1), fut);
  assert.equal(t2.result(), undefined);
});

port("test_current_task", async (loop) => {
  assert.equal(currentTask(loop), null);
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<void> {
    assert.equal(currentTask(), task);
    assert.equal(currentTask(undefined), task);
  }
  const task: Task<void> = loop.createTask(coro());
  await loop.runUntilComplete(task);
  assert.equal(currentTask(loop), null);
});

port("test_current_task_with_interleaving_tasks", async (loop) => {
  assert.equal(currentTask(loop), null);
  const fut1 = loop.createFuture<boolean>(), fut2 = loop.createFuture<boolean>();
  function* coro1(): Coroutine<void> {
    assert.equal(currentTask(), task1);
    yield* fut1;
    assert.equal(currentTask(), task1);
    fut2.setResult(true);
  }
  function* coro2(): Coroutine<void> {
    assert.equal(currentTask(), task2);
    fut1.setResult(true);
    yield* fut2;
    assert.equal(currentTask(), task2);
  }
  const task1: Task<void> = loop.createTask(coro1());
  const task2: Task<void> = loop.createTask(coro2());
  await loop.runUntilComplete(wait([task1, task2]));
  assert.equal(currentTask(loop), null);
});

// ---------------------------------------------------------------- cancellation through awaits

port("test_yield_future_passes_cancel", async (loop) => {
  let proof = 0;
  const waiter = loop.createFuture<void>();
  function* inner(): Coroutine<void> {
    try {
      yield* waiter;
    } catch (error) {
      if (error instanceof CancelledError) proof += 1;
      throw error;
    }
    assert.fail("got past the waiter in inner()");
  }
  function* outer(): Coroutine<void> {
    try {
      yield* inner();
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      proof += 100; // expected path
      return;
    }
    proof += 10;
  }
  const f = ensureFuture(outer(), loop);
  await runBriefly(loop);
  f.cancel();
  await loop.runUntilComplete(f);
  assert.equal(proof, 101);
  assert.equal(waiter.cancelled(), true);
});

port("test_yield_wait_does_not_shield_cancel", async (loop) => {
  let proof = 0;
  const waiter = loop.createFuture<void>();
  function* inner(): Coroutine<void> {
    yield* waiter;
    proof += 1;
  }
  function* outer(): Coroutine<void> {
    yield* wait([createTask(inner())]);
    proof += 100;
  }
  const f = ensureFuture(outer(), loop);
  await runBriefly(loop);
  f.cancel();
  await assert.rejects(loop.runUntilComplete(f), CancelledError);
  waiter.setResult();
  await runBriefly(loop);
  assert.equal(proof, 1);
});

// ---------------------------------------------------------------- shield

port("test_shield_result", async (loop) => {
  const inner = loop.createFuture<number>();
  const outer = shield(inner);
  inner.setResult(42);
  assert.equal(await loop.runUntilComplete(outer), 42);
});

port("test_shield_exception", async (loop) => {
  const inner = loop.createFuture();
  const outer = shield(inner);
  await runBriefly(loop);
  const exc = new RuntimeError("expected");
  inner.setException(exc);
  await runBriefly(loop);
  assert.equal(outer.exception(), exc);
});

port("test_shield_cancel_inner", async (loop) => {
  const inner = loop.createFuture();
  const outer = shield(inner);
  await runBriefly(loop);
  inner.cancel();
  await runBriefly(loop);
  assert.equal(outer.cancelled(), true);
});

port("test_shield_cancel_outer", async (loop) => {
  const inner = loop.createFuture();
  const outer = shield(inner);
  await runBriefly(loop);
  outer.cancel();
  await runBriefly(loop);
  assert.equal(outer.cancelled(), true);
  assert.equal(inner.cancelled(), false);
  // (CPython also checks outer's private callback list is empty; ours is not inspectable)
});

port("test_shield_shortcut", async (loop) => {
  const fut = loop.createFuture<number>();
  fut.setResult(42);
  assert.equal(await loop.runUntilComplete(shield(fut)), 42);
});

port("test_shield_effect", async (loop) => {
  let proof = 0;
  const waiter = loop.createFuture<void>();
  function* inner(): Coroutine<void> {
    yield* waiter;
    proof += 1;
  }
  function* outer(): Coroutine<void> {
    yield* shield(inner());
    proof += 100;
  }
  const f = ensureFuture(outer(), loop);
  await runBriefly(loop);
  f.cancel();
  await assert.rejects(loop.runUntilComplete(f), CancelledError);
  waiter.setResult();
  await runBriefly(loop);
  assert.equal(proof, 1);
});

port("test_shield_gather", async (loop) => {
  const child1 = loop.createFuture<number>(), child2 = loop.createFuture<number>();
  const parent = gather(child1, child2);
  const outer = shield(parent);
  await runBriefly(loop);
  outer.cancel();
  await runBriefly(loop);
  assert.equal(outer.cancelled(), true);
  child1.setResult(1);
  child2.setResult(2);
  await runBriefly(loop);
  assert.deepEqual(parent.result(), [1, 2]);
});

port("test_gather_shield", async (loop) => {
  const child1 = loop.createFuture<number>(), child2 = loop.createFuture<number>();
  const inner1 = shield(child1), inner2 = shield(child2);
  const parent = gather(inner1, inner2);
  await runBriefly(loop);
  parent.cancel(); // cancels inner1 and inner2, not child1 and child2
  await runBriefly(loop);
  assert.ok(parent.exception() instanceof CancelledError);
  assert.equal(inner1.cancelled(), true);
  assert.equal(inner2.cancelled(), true);
  child1.setResult(1);
  child2.setResult(2);
  await runBriefly(loop);
});

port("test_shield_coroutine_without_loop", () => {
  const inner = coroReturning(42);
  assert.throws(() => shield(inner), RuntimeError);
});

port("test_shield_coroutine_use_running_loop", async (loop) => {
  // deno-lint-ignore require-yield
  const outer = await loop.runUntilComplete((function* () {
    return shield(coroReturning(42));
  })());
  assert.equal(outer.getLoop(), loop);
  assert.equal(await loop.runUntilComplete(outer), 42);
});

// ---------------------------------------------------------------- bad arguments, lost tasks

port("test_as_completed_invalid_args", (loop) => {
  const fut = loop.createFuture();
  assert.throws(() => asCompleted(fut as never), TypeError);
  assert.throws(() => asCompleted(coroReturning(1) as never), TypeError);
});

port("test_wait_invalid_args", async (loop) => {
  const fut = loop.createFuture();
  await assert.rejects(loop.runUntilComplete(wait(fut as never)), TypeError);
  await assert.rejects(loop.runUntilComplete(wait(coroReturning(1) as never)), TypeError);
  await assert.rejects(loop.runUntilComplete(wait([])), ValueError);
});

differs(
  "test_log_destroyed_pending_task",
  "the loop holds pending tasks strongly (allTasks), so a task nobody keeps is never destroyed while pending",
  (loop, errors) => {
    function* killMe(): Coroutine<void> {
      const future = loop.createFuture<void>();
      yield* future;
      throw new Error("code never reached");
    }
    let task: Task<void> | null = ensureFuture(killMe(), loop) as Task<void>;
    assert.deepEqual(allTasks(loop), new Set([task]));
    loop.runOnce(); // the task now waits for its future
    task = null;
    assert.equal(allTasks(loop).size, 1); // CPython: empty after gc, and a report
    assert.deepEqual(errors, []);
  },
);

port("test_tb_logger_not_called_after_cancel", async (loop, errors) => {
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<never> {
    throw new TypeError();
  }
  function* runner(): Coroutine<void> {
    const task = loop.createTask(coro());
    yield* sleep(0.05);
    task.cancel();
  }
  await loop.runUntilComplete(runner());
  loop.close();
  assert.deepEqual(errors, []);
});

// ---------------------------------------------------------------- gather

port("test_cancel_gather_1", async () => {
  // a gathering future refuses to be cancelled once all its children are done (bpo-26923)
  const loop = new EventLoop({ clock: "virtual" });
  const fut = loop.createFuture<number>();
  // deno-lint-ignore require-yield
  function* create(): Coroutine<Future<number[]>> {
    function* childCoro(): Coroutine<number> {
      return yield* fut;
    }
    return ensureFuture(gather(childCoro()));
  }
  const gatherTask = await loop.runUntilComplete(create());
  let cancelResult: boolean | null = null;
  fut.addDoneCallback(() => cancelResult = gatherTask.cancel());
  fut.setResult(42);
  await loop.runUntilComplete(gatherTask);
  assert.equal(cancelResult, false);
  assert.equal(gatherTask.cancelled(), false);
  assert.deepEqual(gatherTask.result(), [42]);
  loop.close();
});

port("test_cancel_gather_2", async () => {
  for (const [cancelArg, expected] of [[undefined, ""], ["my message", "my message"]] as const) {
    const loop = new EventLoop({ clock: "virtual" });
    const test = function* (): Coroutine<void> {
      let time = 0;
      for (;;) {
        time += 0.05;
        yield* gather([sleep(0.05)], { returnExceptions: true });
        if (time > 1) return;
      }
    };
    const main = function* (): Coroutine<void> {
      const qwe = loop.createTask(test());
      yield* sleep(0.2);
      qwe.cancel(cancelArg);
      yield* qwe;
    };
    let caught: unknown = null;
    try {
      await loop.runUntilComplete(main());
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof CancelledError, "gather() must pass the CancelledError on");
    assert.equal(caught.message, expected);
    assert.deepEqual(innermostCause(caught).slice(0, 2), [CancelledError, expected]);
    loop.close();
  }
});

port("test_exception_traceback", async (loop) => {
  // deno-lint-ignore require-yield
  function* foo(): Coroutine<never> {
    throw new ZeroDivisionError("division by zero");
  }
  function* main(): Coroutine<void> {
    const task = loop.createTask(foo());
    yield* sleep(0);
    assert.ok((task.exception() as Error).stack); // the traceback survives (bpo-28843)
  }
  await loop.runUntilComplete(main());
});

differs(
  "test_error_in_call_soon",
  "a task schedules its first step on the loop's ready queue itself, not through callSoon, and pending tasks are held strongly (no 'Task was destroyed but it is pending')",
  (loop) => {
    loop.callSoon = () => {
      throw new ValueError("");
    };
    function* coro(): Coroutine<void> {}
    const task = loop.createTask(coro()); // CPython: ValueError here, and the task is dropped
    assert.deepEqual(allTasks(loop), new Set([task]));
    task.cancel();
  },
);

port("test_create_task_with_noncoroutine", (loop) => {
  for (let i = 0; i < 2; i++) {
    assert.throws(
      () => loop.createTask(123 as never),
      (e) => e instanceof TypeError && /a coroutine was expected, got 123/.test(e.message),
    );
  }
});

port("test_create_task_with_async_function", async (loop) => {
  function* coro(): Coroutine<void> {}
  for (let i = 0; i < 2; i++) {
    const task = loop.createTask(coro());
    assert.ok(task instanceof Task);
    await loop.runUntilComplete(task);
  }
});

port("test_bare_create_task", async (loop) => {
  function* coro(): Coroutine<void> {
    const task = createTask(coroReturning(1));
    assert.ok(task instanceof Task);
    assert.equal(yield* task, 1);
  }
  await loop.runUntilComplete(coro());
});

port("test_bare_create_named_task", async (loop) => {
  function* coroNoop(): Coroutine<void> {}
  function* coro(): Coroutine<void> {
    const task = createTask(coroNoop(), { name: "No-op" });
    assert.equal(task.getName(), "No-op");
    yield* task;
  }
  await loop.runUntilComplete(coro());
});

port("test_get_coro", async (loop) => {
  const coro = coroReturning(null);
  const task = loop.createTask(coro);
  await loop.runUntilComplete(task);
  assert.equal(task.getCoro(), coro);
});

port("test_subclasses_ctask_cfuture", async (loop) => {
  class CountingFuture<T> extends Future<T> {
    calls = new Map<string, number>();
    override addDoneCallback(callback: (future: Future<T>) => unknown): void {
      this.calls.set("addDoneCallback", (this.calls.get("addDoneCallback") ?? 0) + 1);
      super.addDoneCallback(callback);
    }
  }
  class CountingTask<T> extends Task<T> {
    calls = new Map<string, number>();
    override addDoneCallback(callback: (future: Future<T>) => unknown): void {
      this.calls.set("addDoneCallback", (this.calls.get("addDoneCallback") ?? 0) + 1);
      super.addDoneCallback(callback);
    }
  }
  const fut = new CountingFuture<string>(loop);
  function* func(): Coroutine<string> {
    loop.callSoon(() => fut.setResult("spam"));
    return yield* fut;
  }
  const task = new CountingTask(func(), loop);
  assert.equal(await loop.runUntilComplete(task), "spam");
  assert.deepEqual(Object.fromEntries(task.calls), { addDoneCallback: 1 });
  assert.deepEqual(Object.fromEntries(fut.calls), { addDoneCallback: 1 });
});

// SetMethodsTest
port("test_set_result_causes_invalid_state", async (loop, errors) => {
  function* foo(): Coroutine<number> {
    yield* sleep(0.1);
    return 10;
  }
  const task = loop.createTask(foo());
  Future.prototype.setResult.call(task, "spam");
  assert.equal(await loop.runUntilComplete(task), "spam");
  assert.equal(errors.length, 1);
  assert.ok(errors[0].exception instanceof InvalidStateError);
  assert.match((errors[0].exception as Error).message, /step\(\): already done/);
});

port("test_set_exception_causes_invalid_state", async (loop, errors) => {
  class MyExc extends Error {}
  function* foo(): Coroutine<number> {
    yield* sleep(0.1);
    return 10;
  }
  const task = loop.createTask(foo());
  Future.prototype.setException.call(task, new MyExc());
  await assert.rejects(loop.runUntilComplete(task), MyExc);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].exception instanceof InvalidStateError);
  assert.match((errors[0].exception as Error).message, /step\(\): already done/);
});

// BaseCurrentLoopTests
port("test_current_task_no_running_loop", (loop) => {
  assert.equal(currentTask(loop), null);
});

port("test_current_task_no_running_loop_implicit", () => {
  assert.throws(
    () => currentTask(),
    (e) => e instanceof RuntimeError && /no running event loop/.test(e.message),
  );
});

port("test_current_task_with_implicit_loop", async (loop) => {
  // deno-lint-ignore require-yield
  function* coro(): Coroutine<void> {
    assert.equal(currentTask(loop), task);
    assert.equal(currentTask(undefined), task);
    assert.equal(currentTask(), task);
  }
  const task: Task<void> = loop.createTask(coro());
  await loop.runUntilComplete(task);
  assert.equal(currentTask(loop), null);
});

// GatherTestsBase, once with futures (FutureGatherTests), once with coroutines
// (CoroutineGatherTests) that await them.

/** CPython's `_run_loop`: run the loop briefly until nothing is ready. */
async function runLoop(loop: EventLoop): Promise<void> {
  for (let i = 0; i < 5; i++) await runBriefly(loop);
}

type Wrap = (futures: Future<unknown>[]) => (Future<unknown> | Coroutine<unknown>)[];
const asFutures: Wrap = (futures) => futures;
const asCoroutines: Wrap = (futures) =>
  futures.map((fut) =>
    (function* () {
      return yield* fut;
    })()
  );

/** gather() called inside the loop (coroutines need a running loop), as CPython's `_gather`. */
async function gatherOn(
  loop: EventLoop,
  awaitables: (Future<unknown> | Coroutine<unknown>)[],
  returnExceptions = false,
): Promise<Future<unknown[]>> {
  // deno-lint-ignore require-yield
  return await loop.runUntilComplete((function* () {
    return gather(awaitables, { returnExceptions }) as Future<unknown[]>;
  })());
}

for (
  const [kind, wrap] of [["FutureGatherTests", asFutures], [
    "CoroutineGatherTests",
    asCoroutines,
  ]] as const
) {
  const checkSuccess = async (loop: EventLoop, returnExceptions: boolean) => {
    const [a, b, c] = [0, 1, 2].map(() => loop.createFuture<number>());
    const fut = await gatherOn(loop, wrap([a, b, c]), returnExceptions);
    const calls: unknown[] = [];
    fut.addDoneCallback((f) => calls.push(f));
    b.setResult(1);
    a.setResult(2);
    await runLoop(loop);
    assert.deepEqual(calls, []);
    assert.equal(fut.done(), false);
    c.setResult(3);
    await runLoop(loop);
    assert.deepEqual(calls, [fut]);
    assert.deepEqual(fut.result(), [2, 1, 3]);
  };

  port(`${kind}.test_success`, async (loop) => {
    await checkSuccess(loop, false);
  });

  port(`${kind}.test_result_exception_success`, async (loop) => {
    await checkSuccess(loop, true);
  });

  port(`${kind}.test_one_exception`, async (loop) => {
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(() => loop.createFuture<number>());
    const fut = await gatherOn(loop, wrap([a, b, c, d, e]));
    const calls: unknown[] = [];
    fut.addDoneCallback((f) => calls.push(f));
    const exc = new ZeroDivisionError();
    a.setResult(1);
    b.setException(exc);
    await runLoop(loop);
    assert.equal(fut.done(), true);
    assert.deepEqual(calls, [fut]);
    assert.equal(fut.exception(), exc);
    c.setResult(3); // does nothing
    d.cancel();
    e.setException(new RuntimeError(""));
    e.exception();
    await runLoop(loop);
  });

  port(`${kind}.test_return_exceptions`, async (loop) => {
    const [a, b, c, d] = [0, 1, 2, 3].map(() => loop.createFuture<number>());
    const fut = await gatherOn(loop, wrap([a, b, c, d]), true);
    const calls: unknown[] = [];
    fut.addDoneCallback((f) => calls.push(f));
    const exc = new ZeroDivisionError(), exc2 = new RuntimeError("");
    b.setResult(1);
    c.setException(exc);
    a.setResult(3);
    await runLoop(loop);
    assert.equal(fut.done(), false);
    d.setException(exc2);
    await runLoop(loop);
    assert.equal(fut.done(), true);
    assert.deepEqual(calls, [fut]);
    assert.deepEqual(fut.result(), [3, 1, exc, exc2]);
  });
}

port("test_constructor_empty_sequence_without_loop", () => {
  assert.throws(() => gather(), RuntimeError);
});

port("test_constructor_empty_sequence_use_running_loop", async (loop) => {
  // deno-lint-ignore require-yield
  const fut = await loop.runUntilComplete((function* () {
    return gather();
  })());
  assert.ok(fut instanceof Future);
  assert.equal(fut.getLoop(), loop);
  await runLoop(loop);
  assert.equal(fut.done(), true);
  assert.deepEqual(fut.result(), []);
});

port("test_constructor_heterogenous_futures", (loop) => {
  const other = new EventLoop({ clock: "virtual" });
  assert.throws(() => gather(loop.createFuture(), other.createFuture()), ValueError);
  other.close();
});

port("test_constructor_homogenous_futures", async () => {
  const other = new EventLoop({ clock: "virtual" });
  const children = [0, 1, 2].map(() => other.createFuture());
  for (let i = 0; i < 2; i++) {
    const fut = gather(...children);
    assert.equal(fut.getLoop(), other);
    await runLoop(other);
    assert.equal(fut.done(), false);
  }
  for (const child of children) child.cancel();
  await runLoop(other);
  other.close();
});

port("test_one_cancellation", async (loop) => {
  const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(() => loop.createFuture<number>());
  const fut = gather(a, b, c, d, e);
  const calls: unknown[] = [];
  fut.addDoneCallback((f) => calls.push(f));
  a.setResult(1);
  b.cancel();
  await runLoop(loop);
  assert.equal(fut.done(), true);
  assert.deepEqual(calls, [fut]);
  assert.equal(fut.cancelled(), false);
  assert.ok(fut.exception() instanceof CancelledError);
  c.setResult(3); // does nothing
  d.cancel();
  e.setException(new RuntimeError(""));
  e.exception();
  await runLoop(loop);
});

port("test_result_exception_one_cancellation", async (loop) => {
  const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map(() => loop.createFuture<number>());
  const fut = gather([a, b, c, d, e, f], { returnExceptions: true });
  const calls: unknown[] = [];
  fut.addDoneCallback((x) => calls.push(x));
  a.setResult(1);
  const zde = new ZeroDivisionError();
  b.setException(zde);
  c.cancel();
  await runLoop(loop);
  assert.equal(fut.done(), false);
  d.setResult(3);
  e.cancel();
  const rte = new RuntimeError("");
  f.setException(rte);
  const res = await loop.runUntilComplete(fut);
  assert.ok(res[2] instanceof CancelledError);
  assert.ok(res[4] instanceof CancelledError);
  res[2] = res[4] = null;
  assert.deepEqual(res, [1, zde, null, 3, null, rte]);
  assert.deepEqual(calls, [fut]);
});

port("test_constructor_without_loop", () => {
  assert.throws(() => gather(coroReturning("abc"), coroReturning("abc")), RuntimeError);
});

port("test_constructor_use_running_loop", async (loop) => {
  const gen1 = coroReturning("abc"), gen2 = coroReturning("abc");
  // deno-lint-ignore require-yield
  const fut = await loop.runUntilComplete((function* () {
    return gather(gen1, gen2);
  })());
  assert.equal(fut.getLoop(), loop);
  await loop.runUntilComplete(fut);
});

port("test_duplicate_coroutines", async (loop) => {
  const c = coroReturning("abc");
  const fut = await gatherOn(loop, [c, c, coroReturning("def"), c]);
  await runLoop(loop);
  assert.deepEqual(fut.result(), ["abc", "abc", "def", "abc"]);
});

port("test_cancellation_broadcast", async (loop) => {
  let proof = 0;
  const waiter = loop.createFuture<void>();
  function* inner(): Coroutine<void> {
    yield* waiter;
    proof += 1;
  }
  const child1 = ensureFuture(inner(), loop), child2 = ensureFuture(inner(), loop);
  let gatherer: Future<unknown[]> | null = null;
  function* outer(): Coroutine<void> {
    gatherer = gather(child1, child2);
    yield* gatherer;
    proof += 100;
  }
  const f = ensureFuture(outer(), loop);
  await runBriefly(loop);
  assert.equal(f.cancel(), true);
  await assert.rejects(loop.runUntilComplete(f), CancelledError);
  assert.equal(gatherer!.cancel(), false);
  assert.equal(waiter.cancelled(), true);
  assert.equal(child1.cancelled(), true);
  assert.equal(child2.cancelled(), true);
  await runBriefly(loop);
  assert.equal(proof, 0);
});

port("test_exception_marking", async (loop) => {
  function* inner(f: Future<void>): Coroutine<never> {
    yield* f;
    throw new RuntimeError("should not be ignored");
  }
  const a = loop.createFuture<void>(), b = loop.createFuture<void>();
  function* outer(): Coroutine<void> {
    yield* gather(inner(a), inner(b));
  }
  const f = ensureFuture(outer(), loop);
  await runBriefly(loop);
  a.setResult();
  await runBriefly(loop);
  b.setResult();
  await runBriefly(loop);
  assert.ok(f.exception() instanceof RuntimeError);
});

port("test_issue46672", async (loop, errors) => {
  const c = coroReturning("abc");
  await assert.rejects(gatherOn(loop, [c, {} as never]), TypeError);
  await runLoop(loop);
  assert.deepEqual(errors, []);
});

// SleepTests
port("test_sleep_zero", async (loop) => {
  let result = 0;
  const incResult = (num: number) => result += num;
  function* coro(): Coroutine<void> {
    loop.callSoon(incResult, 1);
    assert.equal(result, 0);
    const num = yield* sleep(0, 10);
    assert.equal(result, 1); // incremented by the callSoon
    incResult(num);
  }
  await loop.runUntilComplete(coro());
  assert.equal(result, 11);
});
