// CPython's Lib/test/test_asyncio/test_base_events.py (3.11), ported to the course's API: each
// test is named after the CPython test it ports. The loop's private queues (`_ready`,
// `_scheduled`) are observed through what runs and when; asyncio's logger is console.error.
import assert from "node:assert/strict";
import {
  type Coroutine,
  ensureFuture,
  EventLoop,
  type ExceptionContext,
  Future,
  Handle,
  RuntimeError,
  sleep,
  Task,
  type TaskOptions,
  TimerHandle,
  ValueError,
} from "@course/lib";
import { cpython, runBriefly } from "./_port.ts";

const { port } = cpython("test_base_events");

/** Runs `body` with console.error captured (asyncio's logger.error); returns what was printed. */
async function loggedErrors(body: () => unknown): Promise<string[]> {
  const printed: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) =>
    printed.push(
      args.map((a) => a instanceof Error ? `${a.name}: ${a.message}` : String(a)).join(" "),
    );
  try {
    await body();
  } finally {
    console.error = original;
  }
  return printed;
}

class ZeroDivisionError extends Error {}

function zeroError(): never {
  throw new ZeroDivisionError("division by zero");
}

port("test_close", async (loop) => {
  assert.equal(loop.isClosed(), false);
  loop.close();
  assert.equal(loop.isClosed(), true);
  loop.close(); // more than once is fine
  loop.close();
  const f = new Future(loop);
  await assert.rejects(loop.runForever(), RuntimeError);
  await assert.rejects(loop.runUntilComplete(f), RuntimeError);
});

port("test_call_soon", async (loop) => {
  let called = 0;
  const cb = () => called++;
  const h = loop.callSoon(cb);
  assert.ok(h instanceof Handle);
  assert.equal(called, 0); // in the ready queue, not called yet
  await runBriefly(loop);
  assert.equal(called, 1);
});

port("test_call_soon_non_callable", (loop) => {
  assert.throws(
    () => loop.callSoon(1 as never),
    (e) => e instanceof TypeError && /a callable object/.test(e.message),
  );
});

port("test_call_later", async (loop) => {
  let called = 0;
  const cb = () => called++;
  const h = loop.callLater(10, cb);
  assert.ok(h instanceof TimerHandle);
  await runBriefly(loop);
  assert.equal(called, 0); // scheduled, not ready
  assert.throws(() => loop.callLater(null as never, cb), TypeError);
  h.cancel();
});

port("test_call_later_negative_delays", async (loop) => {
  const calls: string[] = [];
  const cb = (arg: string) => calls.push(arg);
  loop.callLater(-1, cb, "a");
  loop.callLater(-2, cb, "b");
  await runBriefly(loop);
  assert.deepEqual(calls, ["b", "a"]);
});

port("test_time_and_call_at", async (loop) => {
  const delay = 0.1;
  loop.callAt(loop.time() + delay, () => loop.stop());
  const t0 = loop.time();
  await loop.runForever();
  const dt = loop.time() - t0;
  assert.ok(dt >= delay - 0.05 && dt <= 0.9, `${dt}`); // virtual clock: exactly 0.1
  assert.throws(() => loop.callAt(null as never, () => {}), TypeError);
});

port("test__run_once", () => {
  // the real clock: runOnce returns the time to wait (asyncio's select timeout)
  const loop = new EventLoop();
  const h1 = loop.callLater(5, () => true);
  loop.callLater(10, () => true);
  h1.cancel();
  const t = loop.runOnce();
  assert.ok(9.5 < t && t < 10.5, `${t}`); // the cancelled timer was dropped
  loop.close();
});

port("test__run_once_schedule_handle", (loop) => {
  let processed = false, handleRan = false;
  loop.callAt(loop.time() - 1, () => {
    processed = true;
    loop.callSoon(() => handleRan = true);
  });
  loop.runOnce();
  assert.equal(processed, true);
  assert.equal(handleRan, false); // the new handle waits in the ready queue
  loop.runOnce();
  assert.equal(handleRan, true);
});

port("test_run_until_complete_type_error", async (loop) => {
  await assert.rejects(loop.runUntilComplete("blah" as never), TypeError);
});

port("test_run_until_complete_loop", async (loop) => {
  const task = loop.createFuture();
  const other = new EventLoop({ clock: "virtual" });
  await assert.rejects(other.runUntilComplete(task), ValueError);
  other.close();
});

port("test_default_exc_handler_callback", async (loop) => {
  const zeroErrorFut = (fut: Future<boolean>) => {
    fut.setResult(true);
    zeroError();
  };
  loop.setExceptionHandler(null); // the default handler, which logs
  for (
    const schedule of [
      (f: Future<boolean>) => loop.callSoon(zeroErrorFut, f),
      (f: Future<boolean>) => loop.callLater(0.01, zeroErrorFut, f),
    ]
  ) {
    const log = await loggedErrors(async () => {
      const fut = loop.createFuture<boolean>();
      schedule(fut);
      fut.addDoneCallback(() => loop.stop());
      await loop.runForever();
    });
    assert.match(log.at(-1)!, /Exception in callback[\s\S]*zero/);
    assert.match(log.at(-1)!, /ZeroDivisionError|division by zero/);
  }
});

port("test_default_exc_handler_coro", async (loop) => {
  loop.setExceptionHandler(null);
  function* zeroErrorCoro(): Coroutine<never> {
    yield* sleep(0.01);
    zeroError();
  }
  const log = await loggedErrors(async () => {
    const fut = ensureFuture(zeroErrorCoro(), loop);
    fut.addDoneCallback(() => loop.stop());
    await loop.runForever();
    loop.close(); // the report comes at garbage collection, or at close at the latest
  });
  assert.match(log.join("\n"), /exception was never retrieved[\s\S]*division by zero/);
});

port("test_set_exc_handler_invalid", (loop) => {
  assert.throws(
    () => loop.setExceptionHandler("spam" as never),
    (e) => e instanceof TypeError && /A callable object or null/.test(e.message),
  );
});

port("test_set_exc_handler_custom", async (loop) => {
  const runLoop = () => {
    const handle = loop.callSoon(function zero_error() {
      zeroError();
    });
    loop.runOnce();
    return handle;
  };
  loop.setExceptionHandler(null);
  assert.equal(loop.getExceptionHandler(), null);
  const calls: [EventLoop, ExceptionContext][] = [];
  const mockHandler = (l: EventLoop, context: ExceptionContext) => void calls.push([l, context]);
  loop.setExceptionHandler(mockHandler);
  assert.equal(loop.getExceptionHandler(), mockHandler);
  const handle = runLoop();
  const [calledLoop, context] = calls.at(-1)!;
  assert.equal(calledLoop, loop);
  assert.ok(context.exception instanceof ZeroDivisionError);
  assert.match(context.message, /Exception in callback.*zero_error/);
  assert.equal(context.handle, handle);
  calls.length = 0;
  loop.setExceptionHandler(null);
  const log = await loggedErrors(runLoop);
  assert.match(log.join("\n"), /Exception in callback[\s\S]*zero/);
  assert.equal(calls.length, 0);
});

port("test_set_exc_handler_broken", async (loop) => {
  loop.setExceptionHandler(() => {
    throw new TypeError("spam"); // Python's AttributeError
  });
  const log = await loggedErrors(() => {
    loop.callSoon(zeroError);
    loop.runOnce();
  });
  assert.match(log.join("\n"), /Unhandled error in exception handler[\s\S]*spam/);
});

port("test_default_exc_handler_broken", async () => {
  let seen: ExceptionContext | null = null;
  class Loop extends EventLoop {
    override defaultExceptionHandler(context: ExceptionContext): void {
      seen = context;
      throw new ValueError("spam"); // a custom, buggy default handler
    }
  }
  const loop = new Loop({ clock: "virtual" });
  const runLoop = () => {
    loop.callSoon(zeroError);
    loop.runOnce();
  };
  let log = await loggedErrors(runLoop);
  assert.match(log.at(-1)!, /^Exception in default exception handler/);
  loop.setExceptionHandler(() => {
    throw new ValueError("ham");
  });
  seen = null;
  log = await loggedErrors(runLoop);
  assert.match(log.at(-1)!, /Exception in default exception.*while handling.*in custom/);
  // the original context reached the default handler
  const outer = seen as ExceptionContext | null;
  assert.ok(outer !== null && "context" in outer);
  assert.ok((outer.context as ExceptionContext).exception instanceof ZeroDivisionError);
  loop.close();
});

port("test_set_task_factory_invalid", (loop) => {
  assert.throws(
    () => loop.setTaskFactory(1 as never),
    (e) => e instanceof TypeError && /task factory must be a callable or/.test(e.message),
  );
  assert.equal(loop.getTaskFactory(), null);
});

port("test_set_task_factory", async (loop) => {
  class MyTask<T> extends Task<T> {}
  function* coro(): Coroutine<void> {}
  const factory = <T>(l: EventLoop, c: Coroutine<T>) => new MyTask(c, l);
  assert.equal(loop.getTaskFactory(), null);
  loop.setTaskFactory(factory);
  assert.equal(loop.getTaskFactory(), factory);
  let task = loop.createTask(coro());
  assert.ok(task instanceof MyTask);
  await loop.runUntilComplete(task);
  loop.setTaskFactory(null);
  assert.equal(loop.getTaskFactory(), null);
  task = loop.createTask(coro());
  assert.ok(task instanceof Task);
  assert.ok(!(task instanceof MyTask));
  await loop.runUntilComplete(task);
});

port("test_create_task", async () => {
  class MyTask<T> extends Task<T> {}
  function* test(): Coroutine<void> {}
  class MyLoop extends EventLoop {
    override createTask<T>(coro: Coroutine<T>, _options?: TaskOptions): Task<T> {
      return new MyTask(coro, this);
    }
  }
  const loop = new MyLoop({ clock: "virtual" });
  const task = ensureFuture(test(), loop);
  assert.ok(task instanceof MyTask);
  await loop.runUntilComplete(task);
  loop.close();
});

port("test_create_task_error_closes_coro", () => {
  function* test(): Coroutine<void> {}
  const loop = new EventLoop({ clock: "virtual" });
  loop.close();
  assert.throws(() => ensureFuture(test(), loop), RuntimeError);
});

port("test_create_named_task_with_default_factory", async (loop) => {
  function* test(): Coroutine<void> {}
  const task = loop.createTask(test(), { name: "test_task" });
  assert.equal(task.getName(), "test_task");
  await loop.runUntilComplete(task);
});

port("test_create_named_task_with_custom_factory", async (loop) => {
  const taskFactory = <T>(l: EventLoop, c: Coroutine<T>) => new Task(c, l); // ignores the name
  function* test(): Coroutine<void> {}
  loop.setTaskFactory(taskFactory);
  const task = loop.createTask(test(), { name: "test_task" });
  assert.equal(task.getName(), "test_task");
  await loop.runUntilComplete(task);
});

port("test_run_once", async (loop) => {
  // the idiom loop.callSoon(loop.stop); loop.runForever() runs one turn
  let count = 0;
  loop.callSoon(() => count++);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.equal(count, 1);
});

port("test_run_forever_pre_stopped", async (loop) => {
  // a loop stopped before it runs takes one turn without waiting (asyncio: select(0))
  let fired = false;
  loop.callLater(10, () => fired = true);
  loop.stop();
  await loop.runForever();
  assert.equal(loop.time(), 0);
  assert.equal(fired, false);
});

port("test_call_coroutine", (loop) => {
  function* simpleCoroutine(): Coroutine<void> {}
  const coroObj = simpleCoroutine();
  for (const func of [simpleCoroutine, coroObj]) {
    assert.throws(() => loop.callSoon(func as never), TypeError);
    assert.throws(() => loop.callSoonThreadsafe(func as never), TypeError);
    assert.throws(() => loop.callLater(60, func as never), TypeError);
    assert.throws(() => loop.callAt(loop.time() + 60, func as never), TypeError);
  }
});

port("test_running_loop_within_a_loop", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const outerLoop = new EventLoop({ clock: "virtual" });
  function* runner(inner: EventLoop): Coroutine<void> {
    yield* Future.fromPromise(inner.runForever()); // runForever is async: its error is a rejection
  }
  try {
    await assert.rejects(
      outerLoop.runUntilComplete(runner(loop)),
      (e) => e instanceof RuntimeError && /while another loop is running/.test(e.message),
    );
  } finally {
    loop.close();
    outerLoop.close();
  }
});
