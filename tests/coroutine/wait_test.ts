import assert from "node:assert/strict";
import {
  ALL_COMPLETED,
  asCompleted,
  type Coroutine,
  ensureFuture,
  EventLoop,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  sleep,
  Task,
  TimeoutError,
  wait,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

function* failAfter(seconds: number): Coroutine<never> {
  yield* sleep(seconds);
  throw new Error("failed");
}

Deno.test("wait ALL_COMPLETED returns when everything is done", async () => {
  const { loop } = recordingLoop();
  const tasks = [1, 3, 2].map((s) => loop.createTask(sleep(s)));
  function* main(): Coroutine<[number, number]> {
    const { done, pending } = yield* wait(tasks);
    return [done.size, pending.size];
  }
  assert.deepEqual(await loop.runUntilComplete(main()), [3, 0]);
  assert.equal(loop.time(), 3);
  loop.close();
});

Deno.test("wait FIRST_COMPLETED returns at the first finish, cancelling nothing", async () => {
  const { loop } = recordingLoop();
  const fast = loop.createTask(sleep(1)), slow = loop.createTask(sleep(4));
  function* main(): Coroutine<boolean[]> {
    const { done, pending } = yield* wait([fast, slow], { returnWhen: "FIRST_COMPLETED" });
    return [done.has(fast), pending.has(slow), slow.cancelled()];
  }
  assert.deepEqual(await loop.runUntilComplete(main()), [true, true, false]);
  assert.equal(loop.time(), 1);
  await loop.runUntilComplete(slow);
  loop.close();
});

Deno.test("wait FIRST_EXCEPTION returns at the first failure", async () => {
  const { loop } = recordingLoop();
  const failing = loop.createTask(failAfter(2)), slow = loop.createTask(sleep(9));
  function* main(): Coroutine<number> {
    const { done } = yield* wait([failing, slow], { returnWhen: "FIRST_EXCEPTION" });
    assert.ok(done.has(failing));
    failing.exception();
    slow.cancel();
    return loop.time();
  }
  assert.equal(await loop.runUntilComplete(main()), 2);
  loop.close();
});

Deno.test("wait with a timeout returns what is pending, cancelling nothing", async () => {
  const { loop } = recordingLoop();
  const slow = loop.createTask(sleep(10));
  function* main(): Coroutine<boolean> {
    const { done, pending } = yield* wait([slow, loop.createTask(sleep(1))], { timeout: 2 });
    return done.size === 1 && pending.has(slow) && !slow.cancelled();
  }
  assert.equal(await loop.runUntilComplete(main()), true);
  assert.equal(loop.time(), 2);
  slow.cancel();
  loop.close();
});

Deno.test("wait of nothing is an error; coroutines are wrapped in tasks", async () => {
  const { loop } = recordingLoop();
  await assert.rejects(loop.runUntilComplete(wait([])), RangeError);
  function* main(): Coroutine<boolean> {
    const { done } = yield* wait([sleep(1)]);
    return [...done].every((f) => f instanceof Task);
  }
  assert.equal(await loop.runUntilComplete(main()), true);
  loop.close();
});

Deno.test("asCompleted yields results in the order they finish", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<string[]> {
    const out: string[] = [];
    for (const next of asCompleted([sleep(3, "c"), sleep(1, "a"), sleep(2, "b")])) {
      out.push(`${yield* next}@${loop.time()}`);
    }
    return out;
  }
  assert.deepEqual(await loop.runUntilComplete(main()), ["a@1", "b@2", "c@3"]);
  loop.close();
});

Deno.test("asCompleted with a timeout: what is left throws TimeoutError", async () => {
  const { loop } = recordingLoop();
  const slow = loop.createTask(sleep(10, "late"));
  function* main(): Coroutine<string[]> {
    const out: string[] = [];
    for (const next of asCompleted([sleep(1, "early"), slow], { timeout: 2 })) {
      try {
        out.push(yield* next);
      } catch (error) {
        out.push(error instanceof TimeoutError ? "timeout" : "other");
      }
    }
    return out;
  }
  assert.deepEqual(await loop.runUntilComplete(main()), ["early", "timeout"]);
  assert.equal(slow.cancelled(), false);
  slow.cancel();
  loop.close();
});

Deno.test("ensureFuture: futures pass through, coroutines become tasks, others are refused", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture();
  assert.equal(ensureFuture(future, loop), future);
  assert.ok(ensureFuture(sleep(1), loop) instanceof Task);
  assert.throws(() => ensureFuture(42 as never, loop), TypeError);
  loop.close();
});

Deno.test("wait's result reads as Python's pair too, and takes asyncio's constants", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const [done, pending, late] = await loop.runUntilComplete((function* () {
    const fast = loop.createTask(sleep(1, "fast"));
    const slow = loop.createTask(sleep(5, "slow"));
    const result = yield* wait([fast, slow], { returnWhen: FIRST_COMPLETED });
    const [done, pending] = result;
    assert.equal(result.done, done);
    assert.equal(result.pending, pending);
    yield* wait(pending, { returnWhen: ALL_COMPLETED });
    return [[...done].map((f) => f.result()), [...pending].length, loop.time()];
  })());
  assert.deepEqual([done, pending, late], [["fast"], 1, 5]);
  assert.equal(FIRST_EXCEPTION, "FIRST_EXCEPTION");
  loop.close();
});
