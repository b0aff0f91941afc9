// CPython's Lib/test/test_asyncio/test_runners.py (3.11), ported to the course's API: each test is
// named after the CPython test it ports. `asyncio.run(main())` is `await run(main())`.
import assert from "node:assert/strict";
import {
  type Coroutine,
  createTask,
  type ExceptionContext,
  Future,
  getRunningLoop,
  run,
  RuntimeError,
  sleep,
  type Task,
  ValueError,
} from "@course/lib";
import { cpython } from "./_port.ts";

const { port, differs } = cpython("test_runners");

const VIRTUAL = { clock: "virtual" } as const;

port("test_asyncio_run_return", async () => {
  function* main(): Coroutine<number> {
    yield* sleep(0);
    return 42;
  }
  assert.equal(await run(main(), VIRTUAL), 42);
});

port("test_asyncio_run_raises", async () => {
  function* main(): Coroutine<never> {
    yield* sleep(0);
    throw new ValueError("spam");
  }
  await assert.rejects(
    run(main(), VIRTUAL),
    (e) => e instanceof ValueError && /spam/.test(e.message),
  );
});

differs(
  "test_asyncio_run_only_coro",
  "run() of something that is not a coroutine is a TypeError (JavaScript's error for a wrong type), where asyncio raises ValueError",
  async () => {
    for (const o of [1, () => null]) {
      await assert.rejects(
        run(o as never, VIRTUAL),
        (e) => e instanceof TypeError && /coroutine/.test(e.message),
      );
    }
  },
);

port("test_asyncio_run_from_running_loop", async () => {
  function* main(): Coroutine<void> {
    const coro = main();
    try {
      yield* Future.fromPromise(run(coro, VIRTUAL)); // run() is async: its error is a rejection
      assert.fail("run() inside a running loop must fail");
    } catch (error) {
      assert.ok(
        error instanceof RuntimeError && /while an event loop is running/.test(error.message),
      );
    }
  }
  await run(main(), VIRTUAL);
});

port("test_asyncio_run_cancels_hanging_tasks", async () => {
  let loTask: Task<void> | null = null;
  function* leftover(): Coroutine<void> {
    yield* sleep(0.1);
  }
  // deno-lint-ignore require-yield
  function* main(): Coroutine<number> {
    loTask = createTask(leftover());
    return 123;
  }
  assert.equal(await run(main(), VIRTUAL), 123);
  assert.equal(loTask!.done(), true);
});

port("test_asyncio_run_reports_hanging_tasks_errors", async () => {
  let loTask: Task<void> | null = null;
  const calls: ExceptionContext[] = [];
  class ZeroDivisionError extends Error {}
  function* leftover(): Coroutine<void> {
    try {
      yield* sleep(0.1);
    } catch {
      throw new ZeroDivisionError("division by zero");
    }
  }
  // deno-lint-ignore require-yield
  function* main(): Coroutine<number> {
    const loop = getRunningLoop();
    loop.callExceptionHandler = (context) => void calls.push(context);
    loTask = createTask(leftover());
    return 123;
  }
  assert.equal(await run(main(), VIRTUAL), 123);
  assert.equal(loTask!.done(), true);
  const last = calls.at(-1)!;
  assert.match(last.message, /run.*shutdown/);
  assert.equal(last.task, loTask);
  assert.ok(last.exception instanceof ZeroDivisionError);
});
