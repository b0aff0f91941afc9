import assert from "node:assert/strict";
import {
  CancelledError,
  type Coroutine,
  EventLoop,
  Future,
  InvalidStateError,
  sleep,
} from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

Deno.test("a new future is pending: result() and exception() are InvalidStateError", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  assert.equal(future.done(), false);
  assert.equal(future.cancelled(), false);
  assert.throws(() => future.result(), InvalidStateError);
  assert.throws(() => future.exception(), InvalidStateError);
  assert.equal(future.getLoop(), loop);
  loop.close();
});

Deno.test("setResult makes it done with that result and no exception", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<string>();
  future.setResult("value");
  assert.equal(future.done(), true);
  assert.equal(future.result(), "value");
  assert.equal(future.exception(), null);
  loop.close();
});

Deno.test("setting a result or exception twice raises InvalidStateError", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  future.setResult(1);
  assert.throws(() => future.setResult(2), InvalidStateError);
  assert.throws(() => future.setException(new Error()), InvalidStateError);
  assert.equal(future.result(), 1);
  const failed = loop.createFuture<number>();
  failed.setException(new Error("x"));
  assert.throws(() => failed.setResult(3), InvalidStateError);
  failed.exception();
  loop.close();
});

Deno.test("setException: result() throws it and exception() returns it", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  const error = new RangeError("nope");
  future.setException(error);
  assert.equal(future.done(), true);
  assert.throws(() => future.result(), (e) => e === error);
  assert.equal(future.exception(), error);
  loop.close();
});

Deno.test("cancel: cancelled, result() throws CancelledError with the message", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture();
  assert.equal(future.cancel("stop it"), true);
  assert.equal(future.cancelled(), true);
  assert.equal(future.done(), true);
  assert.throws(
    () => future.result(),
    (e) => e instanceof CancelledError && e.message === "stop it",
  );
  assert.throws(() => future.exception(), CancelledError);
  assert.equal(future.cancel(), false);
  loop.close();
});

Deno.test("cancel after a result is refused", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  future.setResult(5);
  assert.equal(future.cancel(), false);
  assert.equal(future.result(), 5);
  loop.close();
});

Deno.test("done callbacks are scheduled with callSoon, never called synchronously", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  const seen: number[] = [];
  future.addDoneCallback((f) => seen.push(f.result()));
  future.setResult(9);
  assert.deepEqual(seen, []);
  loop.runOnce();
  assert.deepEqual(seen, [9]);
  loop.close();
});

Deno.test("a done callback added after completion is still scheduled, not called", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  future.setResult(1);
  const seen: string[] = [];
  future.addDoneCallback(() => seen.push("late"));
  assert.deepEqual(seen, []);
  loop.runOnce();
  assert.deepEqual(seen, ["late"]);
  loop.close();
});

Deno.test("done callbacks run in registration order, after earlier-scheduled callbacks", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<void>();
  const seen: string[] = [];
  future.addDoneCallback(() => seen.push("first"));
  future.addDoneCallback(() => seen.push("second"));
  loop.callSoon(() => seen.push("earlier"));
  future.setResult();
  loop.runOnce();
  assert.deepEqual(seen, ["earlier", "first", "second"]);
  loop.close();
});

Deno.test("removeDoneCallback removes every registration and counts them", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<void>();
  const seen: string[] = [];
  const a = () => seen.push("a");
  const b = () => seen.push("b");
  future.addDoneCallback(a);
  future.addDoneCallback(b);
  future.addDoneCallback(a);
  assert.equal(future.removeDoneCallback(a), 2);
  assert.equal(future.removeDoneCallback(a), 0);
  future.setResult();
  loop.runOnce();
  assert.deepEqual(seen, ["b"]);
  loop.close();
});

Deno.test("cancel schedules the done callbacks too", () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<void>();
  let sawCancelled = false;
  future.addDoneCallback((f) => sawCancelled = f.cancelled());
  future.cancel();
  loop.runOnce();
  assert.equal(sawCancelled, true);
  loop.close();
});

Deno.test("yield* future waits for it and evaluates to its result", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  loop.callLater(3, () => future.setResult(14));
  function* waiter(): Coroutine<number> {
    return 3 * (yield* future);
  }
  assert.equal(await loop.runUntilComplete(waiter()), 42);
  assert.equal(loop.time(), 3);
  loop.close();
});

Deno.test("yield* future throws its exception inside the coroutine, where it can be caught", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  loop.callLater(1, () => future.setException(new Error("late failure")));
  function* waiter(): Coroutine<string> {
    try {
      yield* future;
      return "no error";
    } catch (error) {
      return `caught ${(error as Error).message}`;
    }
  }
  assert.equal(await loop.runUntilComplete(waiter()), "caught late failure");
  loop.close();
});

Deno.test("yield* on a future that is already done does not suspend", async () => {
  const { loop } = recordingLoop();
  const future = loop.createFuture<number>();
  future.setResult(1);
  const order: string[] = [];
  function* a(): Coroutine<void> {
    order.push("a start");
    yield* future;
    order.push("a end");
  }
  function* b(): Coroutine<void> {
    order.push("b");
    yield* sleep(0);
  }
  const ta = loop.createTask(a()), tb = loop.createTask(b());
  loop.runOnce();
  assert.deepEqual(order, ["a start", "a end", "b"]);
  assert.equal(ta.done(), true);
  await loop.runUntilComplete(tb);
  loop.close();
});

Deno.test("Future.fromPromise carries a value and a rejection into the loop", async () => {
  const { loop } = recordingLoop({ clock: "real" });
  assert.equal(
    await loop.runUntilComplete(Future.fromPromise(Promise.resolve("yes"), loop)),
    "yes",
  );
  const failing = Future.fromPromise(Promise.reject(new Error("no")), loop);
  await assert.rejects(loop.runUntilComplete(failing), /no/);
  loop.close();
});

Deno.test("Future.fromPromise uses the running loop by default and ignores a cancelled future", async () => {
  const { loop, errors } = recordingLoop();
  function* main(): Coroutine<string> {
    const bridged = Future.fromPromise(new Promise((r) => setTimeout(() => r("late"), 1)));
    bridged.cancel();
    return yield* Future.fromPromise(Promise.resolve("second"));
  }
  assert.equal(await loop.runUntilComplete(main()), "second");
  await new Promise((r) => setTimeout(r, 5));
  loop.close();
  assert.deepEqual(errors, []);
});

Deno.test("toPromise resolves, rejects, and rejects with CancelledError", async () => {
  const { loop } = recordingLoop();
  const ok = loop.createFuture<number>(),
    bad = loop.createFuture<number>(),
    gone = loop.createFuture<number>();
  const promises = [ok.toPromise(), bad.toPromise(), gone.toPromise()];
  ok.setResult(1);
  bad.setException(new Error("bad"));
  gone.cancel();
  await loop.runUntilComplete(sleep(0));
  const [a, b, c] = await Promise.allSettled(promises);
  assert.deepEqual(a, { status: "fulfilled", value: 1 });
  assert.equal(b.status === "rejected" && b.reason.message, "bad");
  assert.equal(c.status === "rejected" && c.reason instanceof CancelledError, true);
  loop.close();
});

Deno.test("an unretrieved future exception is reported when the loop closes", () => {
  const { loop, errors } = recordingLoop();
  const lost = loop.createFuture();
  const seen = loop.createFuture();
  lost.setException(new Error("lost"));
  seen.setException(new Error("seen"));
  seen.exception();
  loop.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0].message, "Future exception was never retrieved");
  assert.equal((errors[0].exception as Error).message, "lost");
  assert.equal(errors[0].future, lost);
});

Deno.test("a dropped future's unretrieved exception is reported after garbage collection", async () => {
  const script = `
    import { EventLoop } from "${new URL("../../lib/mod.ts", import.meta.url).href}";
    const loop = new EventLoop({ clock: "virtual" });
    loop.setExceptionHandler((_l, c) => console.log("REPORTED", c.message, String(c.exception)));
    (() => { loop.createFuture().setException(new Error("dropped")); })();
    for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
  `;
  const { stdout, code } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.equal(code, 0);
  assert.match(
    new TextDecoder().decode(stdout),
    /REPORTED Future exception was never retrieved Error: dropped/,
  );
});

Deno.test("new Future() outside a running loop needs a loop", () => {
  assert.throws(() => new Future(), /no running event loop/);
  const loop = new EventLoop({ clock: "virtual" });
  assert.equal(new Future(loop).getLoop(), loop);
  assert.equal(String(new Future(loop)), "<Future pending>");
});
