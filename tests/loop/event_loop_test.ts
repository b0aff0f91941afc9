import assert from "node:assert/strict";
import {
  type Coroutine,
  EventLoop,
  Future,
  getRunningLoop,
  Handle,
  RuntimeError,
  sleep,
  TimerHandle,
  ValueError,
} from "@course/lib";
import { captureConsoleError, recordingLoop } from "./_helpers.ts";

Deno.test("callSoon runs callbacks in FIFO order with their arguments", async () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  for (const name of ["a", "b", "c"]) {
    loop.callSoon((x: string, y: number) => seen.push(x + y), name, 1);
  }
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, ["a1", "b1", "c1"]);
  loop.close();
});

Deno.test("callSoon returns a Handle; a cancelled handle never runs", async () => {
  const { loop } = recordingLoop();
  const seen: number[] = [];
  const handle = loop.callSoon(() => seen.push(1));
  loop.callSoon(() => seen.push(2));
  assert.ok(handle instanceof Handle);
  assert.equal(handle.cancelled(), false);
  handle.cancel();
  handle.cancel(); // twice is harmless
  assert.equal(handle.cancelled(), true);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, [2]);
  loop.close();
});

Deno.test("runOnce runs only the callbacks ready when the iteration began", () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  loop.callSoon(() => {
    seen.push("outer");
    loop.callSoon(() => seen.push("inner"));
  });
  loop.callSoon(() => seen.push("second"));
  assert.equal(loop.runOnce(), 0);
  assert.deepEqual(seen, ["outer", "second"]);
  loop.runOnce();
  assert.deepEqual(seen, ["outer", "second", "inner"]);
  assert.equal(loop.runOnce(), Infinity); // nothing left
  loop.close();
});

Deno.test("callLater runs timers in deadline order", async () => {
  const { loop } = recordingLoop();
  const seen: number[] = [];
  for (const delay of [3, 1, 2, 0.5]) loop.callLater(delay, () => seen.push(delay));
  loop.callLater(4, () => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, [0.5, 1, 2, 3]);
  assert.equal(loop.time(), 4);
  loop.close();
});

Deno.test("timers with equal deadlines run in the order they were scheduled", async () => {
  const { loop } = recordingLoop();
  const seen: number[] = [];
  for (let i = 0; i < 20; i++) loop.callAt(5, () => seen.push(i));
  loop.callAt(5, () => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => i));
  loop.close();
});

Deno.test("callAt takes absolute loop time and TimerHandle.when() reports it", async () => {
  const { loop } = recordingLoop();
  let firedAt = -1;
  const timer = loop.callAt(7.5, () => firedAt = loop.time());
  assert.ok(timer instanceof TimerHandle);
  assert.equal(timer.when(), 7.5);
  loop.callAt(8, () => loop.stop());
  await loop.runForever();
  assert.equal(firedAt, 7.5);
  loop.close();
});

Deno.test("a cancelled timer never runs and does not move virtual time", async () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  const early = loop.callLater(1, () => seen.push("early"));
  const late = loop.callLater(100, () => seen.push("late"));
  loop.callLater(2, () => {
    seen.push("two");
    late.cancel();
    loop.stop();
  });
  early.cancel();
  await loop.runForever();
  assert.deepEqual(seen, ["two"]);
  assert.equal(loop.runOnce(), Infinity); // the cancelled timer is gone
  assert.equal(loop.time(), 2);
  loop.close();
});

Deno.test("many cancelled timers are dropped from the heap and never run", async () => {
  const { loop } = recordingLoop();
  const timers = Array.from({ length: 1000 }, (_, i) => loop.callLater(i + 1, () => assert.fail()));
  for (const timer of timers) timer.cancel();
  let ran = false;
  loop.callLater(5000, () => {
    ran = true;
    loop.stop();
  });
  await loop.runForever();
  assert.equal(ran, true);
  assert.equal(loop.time(), 5000);
  loop.close();
});

Deno.test("ready callbacks run before timers that expire in the same iteration", () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  loop.callLater(0, () => seen.push("timer"));
  loop.callSoon(() => seen.push("soon"));
  loop.runOnce();
  assert.deepEqual(seen, ["soon", "timer"]);
  loop.close();
});

Deno.test("virtual clock: time jumps to the next timer only when nothing is ready", () => {
  const { loop } = recordingLoop();
  const times: number[] = [];
  loop.callLater(10, () => times.push(loop.time()));
  loop.callSoon(() => times.push(loop.time()));
  loop.runOnce();
  assert.deepEqual(times, [0]);
  loop.runOnce();
  assert.deepEqual(times, [0, 10]);
  loop.close();
});

Deno.test("virtual clock: an hour of sleep ends at time 3600", async () => {
  const { loop } = recordingLoop();
  assert.equal(loop.time(), 0);
  await loop.runUntilComplete(sleep(3600));
  assert.equal(loop.time(), 3600);
  loop.close();
});

Deno.test("an exception in a callback goes to the handler and the loop keeps running", async () => {
  const { loop, errors } = recordingLoop();
  const seen: string[] = [];
  const boom = new Error("boom");
  const handle = loop.callSoon(function failing() {
    throw boom;
  });
  loop.callSoon(() => seen.push("after"));
  loop.callLater(1, () => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, ["after"]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].exception, boom);
  assert.equal(errors[0].handle, handle);
  assert.match(errors[0].message, /Exception in callback.*failing/);
  loop.close();
});

Deno.test("an exception handler that throws is reported by the default handler", () => {
  const loop = new EventLoop({ clock: "virtual" });
  loop.setExceptionHandler(() => {
    throw new Error("handler broke");
  });
  loop.callSoon(() => {
    throw new Error("original");
  });
  const printed = captureConsoleError(() => loop.runOnce());
  assert.equal(printed.length, 1);
  assert.match(printed[0], /Unhandled error in exception handler/);
  assert.match(printed[0], /handler broke/);
  loop.close();
});

Deno.test("get/setExceptionHandler; null restores the default handler", () => {
  const loop = new EventLoop({ clock: "virtual" });
  assert.equal(loop.getExceptionHandler(), null);
  const handler = () => {};
  loop.setExceptionHandler(handler);
  assert.equal(loop.getExceptionHandler(), handler);
  loop.setExceptionHandler(null);
  assert.equal(loop.getExceptionHandler(), null);
  assert.throws(() => loop.setExceptionHandler(42 as never), TypeError);
  loop.close();
});

Deno.test("the default handler logs the message, the task name and the stack", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  function* failing(): Coroutine<void> {
    yield* sleep(1);
    throw new Error("never retrieved");
  }
  loop.createTask(failing(), { name: "doomed" });
  await loop.runUntilComplete(sleep(2));
  const printed = captureConsoleError(() => loop.close());
  assert.equal(printed.length, 1);
  assert.match(printed[0], /Task exception was never retrieved/);
  assert.match(printed[0], /doomed/);
  assert.match(printed[0], /Error: never retrieved\n\s+at failing/);
});

Deno.test("stop() ends runForever after the current iteration; later callbacks wait", async () => {
  const { loop } = recordingLoop();
  const seen: string[] = [];
  loop.callSoon(() => {
    loop.stop();
    loop.callSoon(() => seen.push("next run"));
  });
  loop.callSoon(() => seen.push("same iteration"));
  await loop.runForever();
  assert.deepEqual(seen, ["same iteration"]);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(seen, ["same iteration", "next run"]);
  loop.close();
});

Deno.test("stop() before runForever runs exactly one iteration", async () => {
  const { loop } = recordingLoop();
  const seen: number[] = [];
  loop.callSoon(() => {
    seen.push(1);
    loop.callSoon(() => seen.push(2));
  });
  loop.stop();
  await loop.runForever();
  assert.deepEqual(seen, [1]);
  loop.close();
});

Deno.test("running a loop that is already running is a RuntimeError", async () => {
  const { loop } = recordingLoop();
  let inner: unknown;
  loop.callSoon(() => {
    loop.runForever().catch((error) => inner = error);
    loop.stop();
  });
  await loop.runForever();
  await Promise.resolve();
  assert.ok(inner instanceof RuntimeError);
  assert.match((inner as Error).message, /already running/);
  loop.close();
});

Deno.test("only one loop runs at a time", async () => {
  const { loop } = recordingLoop();
  const other = new EventLoop({ clock: "virtual" });
  let error: unknown;
  loop.callSoon(() => {
    other.runForever().catch((e) => error = e);
    loop.stop();
  });
  await loop.runForever();
  await Promise.resolve();
  assert.ok(error instanceof RuntimeError);
  assert.match((error as Error).message, /another loop/);
  loop.close();
  other.close();
});

Deno.test("close: not while running; afterwards scheduling and running fail", async () => {
  const { loop } = recordingLoop();
  let closeError: unknown;
  loop.callSoon(() => {
    try {
      loop.close();
    } catch (error) {
      closeError = error;
    }
    loop.stop();
  });
  await loop.runForever();
  assert.ok(closeError instanceof RuntimeError);
  assert.equal(loop.isClosed(), false);
  loop.callSoon(() => assert.fail("dropped by close"));
  loop.close();
  loop.close(); // twice is harmless
  assert.equal(loop.isClosed(), true);
  assert.throws(() => loop.callSoon(() => {}), RuntimeError);
  assert.throws(() => loop.callLater(1, () => {}), RuntimeError);
  await assert.rejects(loop.runForever(), RuntimeError);
  await assert.rejects(loop.runUntilComplete(sleep(1)), RuntimeError);
});

Deno.test("isRunning is true only inside runForever", async () => {
  const { loop } = recordingLoop();
  let inside = false;
  loop.callSoon(() => {
    inside = loop.isRunning();
    loop.stop();
  });
  assert.equal(loop.isRunning(), false);
  await loop.runForever();
  assert.equal(inside, true);
  assert.equal(loop.isRunning(), false);
  loop.close();
});

Deno.test("getRunningLoop throws outside a running loop and finds it inside", async () => {
  assert.throws(() => getRunningLoop(), RuntimeError);
  const { loop } = recordingLoop();
  // deno-lint-ignore require-yield
  function* find(): Coroutine<EventLoop> {
    return getRunningLoop();
  }
  assert.equal(await loop.runUntilComplete(find()), loop);
  assert.throws(() => getRunningLoop(), /no running event loop/);
  loop.close();
});

Deno.test("runUntilComplete wraps a coroutine in a task and returns or throws its outcome", async () => {
  const { loop } = recordingLoop();
  function* ok(): Coroutine<string> {
    yield* sleep(1);
    return "fine";
  }
  function* bad(): Coroutine<string> {
    yield* sleep(1);
    throw new TypeError("bad");
  }
  assert.equal(await loop.runUntilComplete(ok()), "fine");
  await assert.rejects(loop.runUntilComplete(bad()), TypeError);
  loop.close();
});

Deno.test("runUntilComplete refuses a future of another loop: ValueError, as CPython's ensure_future", async () => {
  const { loop } = recordingLoop();
  const other = new EventLoop({ clock: "virtual" });
  await assert.rejects(loop.runUntilComplete(other.createFuture()), ValueError);
  loop.close();
  other.close();
});

Deno.test("virtual clock: a future nobody resolves is reported as a deadlock", async () => {
  const { loop } = recordingLoop();
  const never = loop.createFuture<void>();
  await assert.rejects(loop.runUntilComplete(never), /deadlock/);
  assert.equal(loop.isRunning(), false);
  loop.close();
});

Deno.test("keepAlive holds a virtual loop open until outside work calls in", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<string>();
  const release = loop.keepAlive();
  setTimeout(() => {
    loop.callSoonThreadsafe(() => future.setResult("from outside"));
    release();
  }, 1);
  assert.equal(await loop.runUntilComplete(future), "from outside");
  loop.close();
});

Deno.test("virtual clock: time stands still while bridged work is pending", async () => {
  const { loop } = recordingLoop();
  const order: string[] = [];
  loop.callLater(10, () => order.push(`timer at ${loop.time()}`));
  function* main(): Coroutine<void> {
    const value = yield* Future.fromPromise(
      new Promise<string>((resolve) => setTimeout(() => resolve("promise"), 2)),
    );
    order.push(`${value} at ${loop.time()}`);
    yield* sleep(20);
  }
  await loop.runUntilComplete(main());
  assert.deepEqual(order, ["promise at 0", "timer at 10"]);
  loop.close();
});

Deno.test("real clock: callSoonThreadsafe wakes an idle loop before its next timer", async () => {
  const { loop } = recordingLoop({ clock: "real" });
  const far = loop.callLater(3600, () => assert.fail("the loop should have been woken"));
  setTimeout(() => loop.callSoonThreadsafe(() => loop.stop()), 1);
  await loop.runForever();
  assert.ok(loop.time() < 3600);
  far.cancel();
  loop.close();
});

Deno.test("real clock: a timer never fires before its deadline", async () => {
  const { loop } = recordingLoop({ clock: "real" });
  let firedAt = -1;
  const timer = loop.callLater(0.02, () => {
    firedAt = loop.time();
    loop.stop();
  });
  await loop.runForever();
  assert.ok(firedAt >= timer.when(), `${firedAt} < ${timer.when()}`);
  loop.close();
});

Deno.test("real clock: a loop that is never idle still lets native callbacks in", async () => {
  const { loop } = recordingLoop({ clock: "real" });
  let flag = false;
  setTimeout(() => loop.callSoonThreadsafe(() => flag = true), 5);
  function* spin(): Coroutine<number> {
    let turns = 0;
    while (!flag) {
      yield* sleep(0);
      turns++;
    }
    return turns;
  }
  assert.ok(await loop.runUntilComplete(spin()) > 0);
  loop.close();
});

Deno.test("callLater and callAt reject times that are not finite numbers", () => {
  const { loop } = recordingLoop();
  assert.throws(() => loop.callLater(NaN, () => {}), TypeError);
  assert.throws(() => loop.callAt(Infinity, () => {}), TypeError);
  assert.throws(() => new EventLoop({ clock: "sundial" as never }), TypeError);
  loop.close();
});

Deno.test("the clock option: real by default", () => {
  assert.equal(new EventLoop().clock, "real");
  assert.equal(new EventLoop({ clock: "virtual" }).clock, "virtual");
});

Deno.test("runOnce called by hand drives tasks: the loop counts as running during the turn", () => {
  const loop = new EventLoop({ clock: "virtual" });
  const log: string[] = [];
  loop.createTask((function* () {
    log.push("step 1");
    yield* sleep(1);
    log.push(`step 2 at ${loop.time()}`);
  })());
  loop.runOnce(); // the task's first step: sleep() finds the running loop
  assert.deepEqual(log, ["step 1"]);
  assert.throws(() => getRunningLoop(), /no running event loop/);
  loop.runOnce(); // jumps to t=1: the timer wakes the task's future
  loop.runOnce(); // the task resumes
  assert.deepEqual(log, ["step 1", "step 2 at 1"]);
  loop.close();
});
