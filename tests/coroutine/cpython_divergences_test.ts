// Behaviours where the course's loop used to differ from CPython's asyncio (issue 19), each
// named after the CPython test or behaviour it now matches.
import assert from "node:assert/strict";
import {
  allTasks,
  asCompleted,
  CancelledError,
  type Coroutine,
  createTask,
  ensureFuture,
  EventLoop,
  type ExceptionContext,
  Future,
  run,
  RuntimeError,
  sleep,
  ValueError,
  wait,
  waitFor,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("test_wait_for_issue86296: a cancelled waitFor does not return the inner result (GH-86296)", async () => {
  const { loop } = recordingLoop();
  let reachedEnd = false;
  // deno-lint-ignore require-yield
  const inner = loop.createTask((function* () {
    return "done"; // finishes in one step, in the same turn as the cancel below
  })());
  const task = loop.createTask((function* () {
    yield* waitFor(inner, 100);
    yield* sleep(1);
    reachedEnd = true;
  })());
  await loop.runUntilComplete(sleep(0));
  task.cancel();
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.equal(inner.done(), true);
  assert.equal(reachedEnd, false);
  loop.close();
});

Deno.test("test_wait_for_cancel_suppressed: an inner coroutine that returns after the cancel wins", async () => {
  const { loop } = recordingLoop();
  function* return42(): Coroutine<number> {
    try {
      yield* sleep(10);
    } catch {
      return 42;
    }
    return 0;
  }
  assert.equal(await loop.runUntilComplete(loop.createTask(waitFor(return42(), 0.1))), 42);
  loop.close();
});

Deno.test("test_sleep_when_delay_is_nan: sleep(NaN) is a ValueError", async () => {
  const { loop } = recordingLoop();
  await assert.rejects(loop.runUntilComplete(sleep(NaN)), ValueError);
  await assert.rejects(loop.runUntilComplete(sleep("1" as unknown as number)), TypeError);
  loop.close();
});

Deno.test("test_wait_really_done / wait(fut) with a single future or coroutine is a TypeError at once", async () => {
  const { loop } = recordingLoop();
  const task = loop.createTask(sleep(1));
  await assert.rejects(loop.runUntilComplete(wait(task as never)), TypeError);
  await assert.rejects(loop.runUntilComplete(wait(sleep(1) as never)), TypeError);
  await assert.rejects(loop.runUntilComplete(wait([])), ValueError); // CPython: ValueError
  await loop.runUntilComplete(task);
  loop.close();
});

Deno.test("test_as_completed_nontask_without_loop / asCompleted(fut) is a TypeError at once", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  await loop.runUntilComplete((function* () {
    assert.throws(() => asCompleted(future as never), TypeError);
    assert.throws(() => asCompleted(sleep(1) as never), TypeError);
    yield* sleep(0);
  })());
  loop.close();
});

Deno.test("test_as_completed_duplicate_coroutines: the same awaitable given twice counts once", async () => {
  const { loop } = recordingLoop();
  const results = await loop.runUntilComplete((function* () {
    const c = sleep(1, "once");
    const f = loop.createFuture<string>();
    loop.callLater(2, () => f.setResult("future"));
    const got: string[] = [];
    for (const next of asCompleted([c, c, f, f])) got.push(yield* next);
    return got;
  })());
  assert.deepEqual(results, ["once", "future"]);
  loop.close();
});

Deno.test("test_as_completed_reverse_wait: one iterator; a second loop over it goes on where it stopped", async () => {
  const { loop } = recordingLoop();
  const results = await loop.runUntilComplete((function* () {
    const it = asCompleted([sleep(1, "a"), sleep(2, "b")]);
    const got: string[] = [];
    for (const next of it) {
      got.push(yield* next);
      break;
    }
    for (const next of it) got.push(yield* next);
    for (const _ of it) got.push("never: used up");
    return got;
  })());
  assert.deepEqual(results, ["a", "b"]);
  loop.close();
});

Deno.test("test_ensure_future_future / different loop: ValueError, as CPython's ensure_future", () => {
  const a = new EventLoop({ clock: "virtual" }), b = new EventLoop({ clock: "virtual" });
  assert.throws(() => ensureFuture(a.createFuture(), b), ValueError);
  a.close();
  b.close();
});

Deno.test("test_ensure_future_task_factory: ensureFuture makes tasks with loop.createTask", async () => {
  const made: string[] = [];
  class CountingLoop extends EventLoop {
    override createTask<T>(coro: Coroutine<T>, options?: { name?: string }) {
      made.push(options?.name ?? "task");
      return super.createTask(coro, options);
    }
  }
  const counting = new CountingLoop({ clock: "virtual" });
  await counting.runUntilComplete(ensureFuture(sleep(1, "x"), counting));
  assert.deepEqual(made, ["task"]); // the task ensureFuture made went through the subclass
  counting.close();
});

Deno.test("test_default_exc_handler_broken: a loop subclass's defaultExceptionHandler is the one called", () => {
  const seen: string[] = [];
  class MyLoop extends EventLoop {
    override defaultExceptionHandler(context: ExceptionContext): void {
      seen.push(context.message);
    }
  }
  const loop = new MyLoop({ clock: "virtual" });
  loop.callSoon(() => {
    throw new Error("boom");
  });
  loop.runOnce();
  assert.equal(seen.length, 1);
  loop.close();
});

Deno.test("test_future_cancel_message / cancel() on a failed future counts as retrieving it", () => {
  const { loop, errors } = recordingLoop();
  const future = loop.createFuture();
  future.setException(new Error("seen by cancel"));
  assert.equal(future.cancel(), false);
  loop.close(); // the sweep at close would report an unretrieved exception
  assert.deepEqual(errors.map((e) => e.message), []);
});

Deno.test("test_asyncio_run_reports_hanging_tasks_errors: run() reports a leftover task that fails while cancelled", async () => {
  const printed: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => printed.push(args.map(String).join(" "));
  try {
    await run(
      (function* () {
        createTask((function* () {
          try {
            yield* sleep(100);
          } finally {
            // deno-lint-ignore no-unsafe-finally
            throw new RangeError("failed while being cancelled");
          }
        })());
        yield* sleep(0);
      })(),
      { clock: "virtual" },
    );
  } finally {
    console.error = original;
  }
  const text = printed.join("\n");
  assert.match(text, /unhandled exception during run\(\) shutdown/);
  assert.match(text, /failed while being cancelled/);
});

Deno.test("test_task_awaits_on_itself / coroutine is being awaited already: one coroutine, two tasks", async () => {
  const { loop } = recordingLoop();
  const coro = sleep(1);
  loop.createTask(coro);
  assert.throws(
    () => loop.createTask(coro),
    (e) => e instanceof RuntimeError && /being awaited already/.test(e.message),
  );
  await loop.runUntilComplete(sleep(2));
  loop.close();
});

Deno.test("test_task_add_done_callback: a task waits on a Future subclass through its addDoneCallback", async () => {
  const { loop } = recordingLoop();
  const calls: string[] = [];
  class LoudFuture<T> extends Future<T> {
    override addDoneCallback(callback: (future: Future<T>) => unknown): void {
      calls.push("addDoneCallback");
      super.addDoneCallback(callback);
    }
  }
  const loud = new LoudFuture<string>(loop);
  loop.callLater(1, () => loud.setResult("heard"));
  const value = await loop.runUntilComplete(loop.createTask((function* () {
    return yield* loud;
  })()));
  assert.equal(value, "heard");
  assert.ok(calls.length >= 1, "the task used the subclass's addDoneCallback");
  loop.close();
});

Deno.test("deliberate: tasks are held strongly, so a task waiting on an orphan future stays pending (asyncio: 'Task was destroyed but it is pending!')", async () => {
  const { loop, errors } = recordingLoop();
  await loop.runUntilComplete((function* () {
    loop.createTask(
      (function* () {
        yield* loop.createFuture<void>(); // nothing will ever set this future
      })(),
      { name: "stuck" },
    );
    yield* sleep(1);
  })());
  assert.deepEqual([...allTasks(loop)].map((task) => task.getName()), ["stuck"]);
  assert.deepEqual(errors, []);
  for (const task of allTasks(loop)) task.cancel();
  await loop.runUntilComplete(sleep(0));
  loop.close();
});
