import assert from "node:assert/strict";
import { CancelledError, type Coroutine, shield, sleep } from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("cancelling a shield does not cancel what it protects", async () => {
  const { loop } = recordingLoop();
  const inner = loop.createTask(sleep(3, "kept"));
  function* waiter(): Coroutine<string> {
    return yield* shield(inner);
  }
  const outer = loop.createTask(waiter());
  loop.callLater(1, () => outer.cancel());
  await assert.rejects(loop.runUntilComplete(outer), CancelledError);
  assert.equal(inner.cancelled(), false);
  assert.equal(await loop.runUntilComplete(inner), "kept");
  loop.close();
});

Deno.test("a shield passes the inner result and exception through", async () => {
  const { loop } = recordingLoop();
  assert.equal(await loop.runUntilComplete(shield(loop.createTask(sleep(1, 5)))), 5);
  function* failing(): Coroutine<void> {
    yield* sleep(1);
    throw new Error("inner failed");
  }
  await assert.rejects(loop.runUntilComplete(shield(loop.createTask(failing()))), /inner failed/);
  loop.close();
});

Deno.test("cancelling the inner task cancels the shield", async () => {
  const { loop } = recordingLoop();
  const inner = loop.createTask(sleep(5));
  const outer = shield(inner);
  loop.callLater(1, () => inner.cancel());
  await assert.rejects(loop.runUntilComplete(outer), CancelledError);
  assert.equal(outer.cancelled(), true);
  loop.close();
});

Deno.test("shield of a done future is that future", () => {
  const { loop } = recordingLoop();
  const done = loop.createFuture<number>();
  done.setResult(1);
  assert.equal(shield(done), done);
  loop.close();
});
