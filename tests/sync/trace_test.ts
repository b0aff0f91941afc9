// Coordination primitives in the loop's trace: each wait is a sync-wait span of the waiting task.
import assert from "node:assert/strict";
import { EventLoop, Lock, Queue, sleep, type SyncWaitEvent } from "@course/lib";
import { co } from "./_helpers.ts";

Deno.test("a task blocked on a Lock shows as a sync-wait span from its wait to its wake-up", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const lock = new Lock();
  const holder = (name: string) =>
    loop.createTask(
      co(function* () {
        using _held = yield* lock.hold();
        yield* sleep(2);
      }),
      { name },
    );
  await loop.runUntilComplete(co(function* () {
    const a = holder("a"), b = holder("b");
    yield* a;
    yield* b;
  }));
  const waits = loop.trace().filter((e): e is SyncWaitEvent => e.kind === "sync-wait");
  assert.deepEqual(
    waits.map((e) => [e.phase, e.task, e.loopTime]),
    [["start", "b", 0], ["end", "b", 2]],
  );
  for (const e of waits) assert.match(e.primitive, /^Lock-\d+ acquire$/);
  loop.close();
});

Deno.test("queue waits are traced as get and put, and cost nothing when tracing is off", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const q = new Queue<number>({ maxsize: 1 });
  await loop.runUntilComplete(co(function* () {
    const consumer = loop.createTask(
      co(function* () {
        for (;;) {
          yield* q.get();
          yield* sleep(1);
        }
      }),
      { name: "consumer" },
    );
    yield* sleep(0.5); // the consumer waits in get() first
    for (let i = 0; i < 3; i++) yield* q.put(i);
    consumer.cancel();
  }));
  const kinds = loop.trace().filter((e): e is SyncWaitEvent => e.kind === "sync-wait")
    .map((e) => `${e.phase} ${e.primitive.split(" ")[1]} ${e.task}`);
  assert.ok(kinds.includes("start get consumer"), kinds.join());
  assert.ok(kinds.some((k) => k.startsWith("start put")), kinds.join());
  const plain = new EventLoop({ clock: "virtual" });
  const q2 = new Queue<number>();
  plain.callLater(1, () => q2.putNowait(7));
  assert.equal(await plain.runUntilComplete(q2.get()), 7);
  assert.deepEqual(plain.trace(), []);
  loop.close();
  plain.close();
});

Deno.test("a wait on a primitive is one task-wait naming it, and ends when the task next runs, also on cancel", async () => {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  const q = new Queue<number>();
  await loop.runUntilComplete(co(function* () {
    const getter = loop.createTask(q.get(), { name: "getter" });
    yield* sleep(1);
    getter.cancel();
    yield* sleep(1);
  }));
  const seen = loop.trace({ queues: true }).flatMap((e) =>
    e.kind === "sync-wait" && e.task === "getter"
      ? [[e.kind, e.phase, e.loopTime]]
      : e.kind === "task-wait" && e.task === "getter"
      ? [[e.kind, e.on.replace(/\d+/, "N"), e.loopTime]]
      : []
  );
  assert.deepEqual(
    seen,
    [["sync-wait", "start", 0], ["task-wait", "Queue-N get", 0], ["sync-wait", "end", 1]],
  );
  loop.close();
});
