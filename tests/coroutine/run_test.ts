import assert from "node:assert/strict";
import { CancelledError, createTask, getRunningLoop, run, RuntimeError, sleep } from "@course/lib";

Deno.test("run returns main's result and closes its loop", async () => {
  let loopSeen: ReturnType<typeof getRunningLoop> | null = null;
  const value = await run(
    (function* () {
      loopSeen = getRunningLoop();
      return yield* sleep(10, "done");
    })(),
    { clock: "virtual" },
  );
  assert.equal(value, "done");
  assert.equal(loopSeen!.isClosed(), true);
  assert.equal(loopSeen!.time(), 10);
});

Deno.test("run cancels the tasks main left behind, and they may clean up", async () => {
  const log: string[] = [];
  await run(
    (function* () {
      createTask((function* () {
        try {
          yield* sleep(100);
          log.push("finished");
        } catch (error) {
          log.push(error instanceof CancelledError ? "cancelled" : "other");
          throw error;
        }
      })());
      yield* sleep(1);
    })(),
    { clock: "virtual" },
  );
  assert.deepEqual(log, ["cancelled"]);
});

Deno.test("run passes main's error through, and refuses a generator function or a running loop", async () => {
  await assert.rejects(
    run(
      (function* (): Generator<unknown, never> {
        yield* sleep(1);
        throw new RangeError("boom");
      })(),
      { clock: "virtual" },
    ),
    RangeError,
  );
  // deno-lint-ignore no-explicit-any
  await assert.rejects(run((function* () {}) as any), /call the generator function/);
  await assert.rejects(
    run(
      (function* () {
        yield* sleep(0);
        return run((function* () {})());
      })(),
      { clock: "virtual" },
    ),
    RuntimeError,
  );
});

Deno.test("createTask schedules on the running loop: two sleeps overlap", async () => {
  const loop = await run(
    (function* () {
      const a = createTask(sleep(2, "a"), { name: "first" });
      const b = createTask(sleep(2, "b"));
      assert.equal(a.getName(), "first");
      assert.deepEqual([yield* a, yield* b], ["a", "b"]);
      return getRunningLoop();
    })(),
    { clock: "virtual" },
  );
  assert.equal(loop.time(), 2);
  assert.throws(() => createTask(sleep(1)), /no running event loop/);
});
