import assert from "node:assert/strict";
import { CancelledError, type Coroutine, sleep, TimeoutError, waitFor } from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("waitFor returns the result when it comes in time", async () => {
  const { loop } = recordingLoop();
  assert.equal(await loop.runUntilComplete(waitFor(sleep(1, "quick"), 5)), "quick");
  assert.equal(loop.time(), 1);
  loop.close();
});

Deno.test("waitFor times out: TimeoutError, the inner task is cancelled", async () => {
  const { loop } = recordingLoop();
  const inner = loop.createTask(sleep(10));
  await assert.rejects(loop.runUntilComplete(waitFor(inner, 2)), TimeoutError);
  assert.equal(inner.cancelled(), true);
  assert.equal(loop.time(), 2);
  loop.close();
});

Deno.test("waitFor's TimeoutError is ours, with the CancelledError as its cause", async () => {
  const { loop } = recordingLoop();
  try {
    await loop.runUntilComplete(waitFor(sleep(10), 1));
    assert.fail("expected a timeout");
  } catch (error) {
    assert.ok(error instanceof TimeoutError);
    assert.equal((error as Error).name, "TimeoutError");
    assert.ok((error as Error).cause instanceof CancelledError);
  }
  loop.close();
});

Deno.test("waitFor with timeout null just waits", async () => {
  const { loop } = recordingLoop();
  assert.equal(await loop.runUntilComplete(waitFor(sleep(100, "eventually"), null)), "eventually");
  loop.close();
});

Deno.test("waitFor with timeout 0: a done future's result, else TimeoutError", async () => {
  const { loop } = recordingLoop();
  const ready = loop.createFuture<string>();
  ready.setResult("ready");
  assert.equal(await loop.runUntilComplete(waitFor(ready, 0)), "ready");
  await assert.rejects(loop.runUntilComplete(waitFor(sleep(1), 0)), TimeoutError);
  loop.close();
});

Deno.test("cancelling the task in waitFor cancels the inner one too", async () => {
  const { loop } = recordingLoop();
  const inner = loop.createTask(sleep(10));
  const outer = loop.createTask(waitFor(inner, 5));
  loop.callLater(1, () => outer.cancel());
  await assert.rejects(loop.runUntilComplete(outer), CancelledError);
  assert.equal(inner.cancelled(), true);
  loop.close();
});

Deno.test("waitFor: an inner coroutine that swallows the cancel and returns wins", async () => {
  const { loop } = recordingLoop();
  function* stubborn(): Coroutine<string> {
    try {
      yield* sleep(10);
    } catch {
      return "returned anyway";
    }
    return "not cancelled";
  }
  assert.equal(await loop.runUntilComplete(waitFor(stubborn(), 1)), "returned anyway");
  loop.close();
});

Deno.test("waitFor passes the inner exception through", async () => {
  const { loop } = recordingLoop();
  function* failing(): Coroutine<void> {
    yield* sleep(1);
    throw new RangeError("inner");
  }
  await assert.rejects(loop.runUntilComplete(waitFor(failing(), 5)), RangeError);
  loop.close();
});
