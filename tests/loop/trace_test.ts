import assert from "node:assert/strict";
import { type Coroutine, EventLoop, sleep, taskStepSpans, type TraceEvent } from "@course/lib";

const kinds = (events: TraceEvent[]) =>
  events.map((e) => e.kind + ("phase" in e ? `:${e.phase}` : ""));

Deno.test("trace records task steps, timers, a time jump and callbacks, in order", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  function* napper(): Coroutine<void> {
    yield* sleep(2);
  }
  await loop.runUntilComplete(loop.createTask(napper(), { name: "napper" }));
  const events = loop.trace();
  assert.deepEqual(kinds(events), [
    "task-step:start",
    "timer-scheduled",
    "task-step:end",
    "time-jump",
    "timer-fired",
    "callback", // the timer's wakeSleeper
    "task-step:start",
    "task-step:end",
    "callback", // runUntilComplete's stopper
  ]);
  const [start, scheduled, , jump, fired] = events;
  assert.equal(start.kind === "task-step" && start.task, "napper");
  assert.equal(scheduled.kind === "timer-scheduled" && scheduled.when, 2);
  assert.deepEqual(jump.kind === "time-jump" && [jump.from, jump.loopTime], [0, 2]);
  assert.equal(fired.loopTime, 2);
  for (let i = 1; i < events.length; i++) assert.ok(events[i].realTime >= events[i - 1].realTime);
  loop.close();
});

Deno.test("taskStepSpans pairs each step's start and end with its outcome", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  function* worker(fail: boolean): Coroutine<void> {
    yield* sleep(1);
    if (fail) throw new Error("x");
  }
  const ok = loop.createTask(worker(false), { name: "ok" });
  const bad = loop.createTask(worker(true), { name: "bad" });
  await loop.runUntilComplete(sleep(2));
  bad.exception();
  const spans = taskStepSpans(loop.trace()).filter((s) => s.task !== "Task-" + s.taskId);
  assert.deepEqual(
    spans.map((s) => [s.task, s.loopStart, s.loopEnd, s.outcome]),
    [["ok", 0, 0, "suspended"], ["bad", 0, 0, "suspended"], ["ok", 1, 1, "done"], [
      "bad",
      1,
      1,
      "failed",
    ]],
  );
  assert.ok(ok.done());
  loop.close();
});

Deno.test("a cancelled step is traced with outcome cancelled", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const task = loop.createTask(sleep(5), { name: "victim" });
  loop.callLater(1, () => task.cancel());
  await loop.runUntilComplete(task).catch(() => {});
  const last = taskStepSpans(loop.trace()).filter((s) => s.task === "victim").at(-1);
  assert.equal(last?.outcome, "cancelled");
  loop.close();
});

Deno.test("the real clock records idle waits as io-wait start/end with the timeout", async () => {
  const loop = new EventLoop({ trace: true });
  loop.callLater(0.01, function wake() {
    loop.stop();
  });
  await loop.runForever();
  const waits = loop.trace().filter((e) => e.kind === "io-wait");
  assert.ok(waits.length >= 2);
  assert.equal(waits[0].kind === "io-wait" && waits[0].phase, "start");
  assert.ok(waits[0].kind === "io-wait" && waits[0].timeout! > 0 && waits[0].timeout! <= 0.01);
  assert.equal(waits[1].kind === "io-wait" && waits[1].phase, "end");
  const fired = loop.trace().find((e) => e.kind === "callback");
  assert.equal(fired?.kind === "callback" && fired.name, "wake");
  assert.ok(fired!.loopTime >= 0.01); // on the real clock, loop time is real time
  loop.close();
});

Deno.test("trace() is empty without tracing; clearTrace forgets events", () => {
  const plain = new EventLoop({ clock: "virtual" });
  plain.callSoon(() => {});
  plain.runOnce();
  assert.deepEqual(plain.trace(), []);
  const traced = new EventLoop({ clock: "virtual", trace: true });
  traced.callSoon(function first() {});
  traced.runOnce();
  assert.equal(traced.trace().length, 1);
  traced.clearTrace();
  assert.deepEqual(traced.trace(), []);
  traced.callSoon(() => {});
  traced.runOnce();
  assert.deepEqual(kinds(traced.trace()), ["callback"]);
  assert.equal((traced.trace()[0] as { name: string }).name, "anonymous");
});

Deno.test("a long trace (over one storage chunk) decodes every event", () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const n = 200_000;
  let count = 0;
  const step = () => {
    if (++count < n) loop.callSoon(step);
  };
  loop.callSoon(step);
  while (loop.runOnce() !== Infinity) { /* run */ }
  const events = loop.trace();
  assert.equal(events.length, n);
  assert.ok(events.every((e) => e.kind === "callback" && e.name === "step"));
  loop.close();
});

Deno.test("a long trace of events that carry numbers (over one chunk of them) keeps each number with its event", () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const n = 100_000; // each timer records its deadline twice: scheduled and fired
  for (let i = 0; i < n; i++) loop.callLater(i, function tick() {});
  while (loop.runOnce() !== Infinity) { /* run */ }
  const whens = (kind: string) =>
    loop.trace().flatMap((e) => e.kind === kind && "when" in e ? [e.when] : []);
  const expected = Array.from({ length: n }, (_, i) => i);
  assert.deepEqual(whens("timer-scheduled"), expected);
  assert.deepEqual(whens("timer-fired"), expected);
  loop.close();
});

Deno.test("task-wait events name what is awaited: the same future by the same number, a task by its name", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const shared = loop.createFuture<void>();
  function* waiter(): Coroutine<void> {
    yield* shared;
  }
  function* main(): Coroutine<void> {
    const a = loop.createTask(waiter(), { name: "a" });
    const b = loop.createTask(waiter(), { name: "b" });
    yield* sleep(1);
    shared.setResult();
    yield* a;
    yield* b;
  }
  await loop.runUntilComplete(loop.createTask(main(), { name: "main" }));
  const waits = loop.trace({ queues: true }).flatMap((e) =>
    e.kind === "task-wait" ? [[e.task, e.on]] : []
  );
  const on = (task: string) => waits.filter(([t]) => t === task).map(([, o]) => o);
  assert.match(on("a")[0], /^Future #\d+$/);
  assert.deepEqual(on("b"), on("a"), "one future, one number");
  const [mainSleeps, ...mainJoins] = on("main");
  assert.match(mainSleeps, /^Future #\d+$/);
  assert.notEqual(mainSleeps, on("a")[0], "two futures, two numbers");
  assert.deepEqual(mainJoins, ["task a"], "b is done by the time main waits for it");
  loop.close();
});
