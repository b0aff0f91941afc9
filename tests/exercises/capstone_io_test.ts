/**
 * The capstone's stage-3 harness over real TCP, run here with Deno's
 * sanitizers on: the reference serves every client and the loop ends, a
 * loop that polls blindly, one that never waits for timers and the stub are
 * each caught, and no session leaves a socket, timer or pending op behind.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runEchoSession } from "../../exercises/10-mini-io/echo_session.ts";
import { reference } from "../../exercises/10-mini-io/reference.ts";
import type { CallbackLoop, IoFunctions } from "@course/lib";

function stageOne(loop: CallbackLoop): boolean {
  if (loop.ready.length === 0) {
    if (loop.timers.length === 0) return false;
    loop.now = Math.max(loop.now, loop.timers[0].when);
  }
  while (loop.timers.length > 0 && loop.timers[0].when <= loop.now) {
    loop.ready.push(loop.timers.shift()!.callback);
  }
  for (const callback of loop.ready.splice(0)) callback();
  return true;
}

Deno.test("the reference loop serves ten echo clients over TCP and ends", async () => {
  const s = await runEchoSession(reference, 10);
  assert.deepEqual(s.clients.map((c) => c.intact), Array(10).fill(true));
  assert.equal(s.ended, true);
  assert.equal(s.error, null);
  assert.equal(s.emptyReads, 0);
  assert.equal(s.earlyTimers, 0);
  assert.equal(s.lostTimers, 0);
  assert.ok(s.peakLookups >= 2, `peak ${s.peakLookups}`);
});

Deno.test("the stub (no readers, no wait) serves nobody and leaks nothing", async () => {
  const stub: IoFunctions = { addReader() {}, removeReader() {}, runIoOnce: stageOne };
  const s = await runEchoSession(stub, 2);
  assert.ok(s.clients.every((c) => !c.intact));
});

Deno.test("a loop that runs every reader every turn reads empty sockets", async () => {
  const readers = new Map<unknown, () => void>();
  const blind: IoFunctions = {
    addReader: (loop, sock, cb) => {
      readers.set(sock, cb);
      reference.addReader(loop, sock, cb);
    },
    removeReader: (loop, sock) => {
      readers.delete(sock);
      reference.removeReader(loop, sock);
    },
    async runIoOnce(loop) {
      await loop.selector.wait(0.005);
      loop.now = performance.now() / 1000;
      for (const cb of readers.values()) loop.ready.push(cb);
      return stageOne(loop);
    },
  };
  const s = await runEchoSession(blind, 3);
  assert.ok(s.emptyReads > 0);
});

Deno.test("a loop that never waits for timers runs them early", async () => {
  const eager: IoFunctions = {
    ...reference,
    async runIoOnce(loop) {
      const timeout = loop.ready.length > 0 || loop.timers.length > 0 ? 0 : null;
      if (timeout === null && loop.selector.getMap().size === 0) return false;
      for (const [key] of await loop.selector.wait(timeout)) loop.ready.push(key.data);
      return stageOne(loop);
    },
  };
  const s = await runEchoSession(eager, 3);
  assert.ok(s.earlyTimers > 0);
});

Deno.test("a loop that never removes a reader does not end", async () => {
  const sticky: IoFunctions = { ...reference, removeReader() {} };
  const s = await runEchoSession(sticky, 2);
  assert.equal(s.error, null);
  assert.ok(s.clients.every((c) => c.intact));
  assert.ok(s.readsAfterClose > 0);
  assert.equal(s.ended, false);
});
