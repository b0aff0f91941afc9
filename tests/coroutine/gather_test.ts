import assert from "node:assert/strict";
import { CancelledError, type Coroutine, gather, sleep } from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

function* after<T>(seconds: number, value: T): Coroutine<T> {
  yield* sleep(seconds);
  return value;
}

function* failAfter(seconds: number, message: string): Coroutine<never> {
  yield* sleep(seconds);
  throw new Error(message);
}

Deno.test("gather keeps argument order, not finishing order, and runs concurrently", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<string[]> {
    return yield* gather(after(3, "a"), after(1, "b"), after(2, "c"));
  }
  assert.deepEqual(await loop.runUntilComplete(main()), ["a", "b", "c"]);
  assert.equal(loop.time(), 3);
  loop.close();
});

Deno.test("gather: ten 1-second waits finish at second 1", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<number> {
    return (yield* gather(Array.from({ length: 10 }, (_, i) => sleep(1, i)))).length;
  }
  assert.equal(await loop.runUntilComplete(main()), 10);
  assert.equal(loop.time(), 1);
  loop.close();
});

Deno.test("gather fails with the first exception; the others keep running", async () => {
  const { loop } = recordingLoop();
  const slow = loop.createTask(after(5, "slow"));
  function* main(): Coroutine<void> {
    yield* gather(failAfter(1, "first"), failAfter(2, "second"), slow);
  }
  await assert.rejects(loop.runUntilComplete(main()), /first/);
  assert.equal(slow.done(), false);
  assert.equal(await loop.runUntilComplete(slow), "slow");
  loop.close();
});

Deno.test("gather with returnExceptions puts errors in place of results", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<unknown[]> {
    return yield* gather([after(1, "ok"), failAfter(1, "bad")], { returnExceptions: true });
  }
  const [ok, bad] = await loop.runUntilComplete(main());
  assert.equal(ok, "ok");
  assert.equal((bad as Error).message, "bad");
  loop.close();
});

Deno.test("gather of nothing is an immediately done future of []", async () => {
  const { loop } = recordingLoop();
  function* main(): Coroutine<unknown[]> {
    const empty = gather();
    assert.equal(empty.done(), true);
    return yield* empty;
  }
  assert.deepEqual(await loop.runUntilComplete(main()), []);
  loop.close();
});

Deno.test("cancelling a gather cancels every child and raises CancelledError", async () => {
  const { loop } = recordingLoop();
  const children = [loop.createTask(sleep(10)), loop.createTask(sleep(20))];
  const gathered = gather(children);
  loop.callLater(1, () => assert.equal(gathered.cancel(), true));
  await assert.rejects(loop.runUntilComplete(gathered), CancelledError);
  assert.ok(children.every((c) => c.cancelled()));
  loop.close();
});

Deno.test("a cancelled child makes gather raise CancelledError (without returnExceptions)", async () => {
  const { loop } = recordingLoop();
  const child = loop.createTask(sleep(10));
  loop.callLater(1, () => child.cancel());
  await assert.rejects(
    loop.runUntilComplete(gather(child, loop.createTask(sleep(2)))),
    CancelledError,
  );
  loop.close();
});

Deno.test("with returnExceptions a cancelled child is reported as a CancelledError", async () => {
  const { loop } = recordingLoop();
  const child = loop.createTask(sleep(10));
  loop.callLater(1, () => child.cancel());
  const results = await loop.runUntilComplete(
    gather([child, loop.createTask(sleep(2, "fine"))], { returnExceptions: true }),
  );
  assert.ok(results[0] instanceof CancelledError);
  assert.equal(results[1], "fine");
  loop.close();
});

Deno.test("the same awaitable given twice runs once and is reported twice", async () => {
  const { loop } = recordingLoop();
  let runs = 0;
  function* once(): Coroutine<string> {
    runs++;
    yield* sleep(1);
    return "x";
  }
  const coro = once();
  function* main(): Coroutine<string[]> {
    return yield* gather(coro, coro);
  }
  assert.deepEqual(await loop.runUntilComplete(main()), ["x", "x"]);
  assert.equal(runs, 1);
  loop.close();
});
