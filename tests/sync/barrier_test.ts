// Barrier, ported from CPython's test_locks.py (BarrierTests).
import assert from "node:assert/strict";
import { Barrier, BrokenBarrierError, sleep, ValueError } from "@course/lib";
import { co, gathered, recordingLoop, runBriefly } from "./_helpers.ts";

Deno.test("Barrier test_barrier_parties: parties < 1 is a ValueError", () => {
  assert.throws(() => new Barrier(0), ValueError);
  assert.throws(() => new Barrier(-4), ValueError);
  assert.equal(new Barrier(3).parties, 3);
});

Deno.test("Barrier test_barrier: every party leaves when the last arrives", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(3);
  const left: number[] = [];
  const party = (delay: number) =>
    co(function* () {
      yield* sleep(delay);
      yield* barrier.wait();
      left.push(loop.time());
    });
  await loop.runUntilComplete(gathered(party(1), party(2), party(3)));
  assert.deepEqual(left, [3, 3, 3]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  loop.close();
});

Deno.test("Barrier test_return_index: each party gets its arrival index once", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(3);
  const indices = await loop.runUntilComplete(
    gathered(...[0, 1, 2].map(() => barrier.wait())),
  );
  assert.deepEqual([...indices].sort(), [0, 1, 2]);
  loop.close();
});

Deno.test("Barrier test_wait_twice: the barrier can be used again", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(2);
  const party = () =>
    co(function* () {
      yield* barrier.wait();
      yield* barrier.wait();
      return "twice";
    });
  assert.deepEqual(await loop.runUntilComplete(gathered(party(), party())), ["twice", "twice"]);
  loop.close();
});

Deno.test("Barrier test_filling_task_by_task: nWaiting counts arrivals", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(3);
  const t1 = loop.createTask(barrier.wait());
  await runBriefly(loop);
  assert.equal(barrier.nWaiting, 1);
  const t2 = loop.createTask(barrier.wait());
  await runBriefly(loop);
  assert.equal(barrier.nWaiting, 2);
  const t3 = loop.createTask(barrier.wait());
  await loop.runUntilComplete(gathered(t1, t2, t3));
  assert.equal(barrier.nWaiting, 0);
  loop.close();
});

Deno.test("Barrier test_abort_barrier: waiting and later parties get BrokenBarrierError", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(3);
  const t1 = loop.createTask(barrier.wait());
  await runBriefly(loop);
  await loop.runUntilComplete(barrier.abort());
  await assert.rejects(loop.runUntilComplete(t1), BrokenBarrierError);
  assert.equal(barrier.broken, true);
  await assert.rejects(loop.runUntilComplete(barrier.wait()), BrokenBarrierError);
  loop.close();
});

Deno.test("Barrier test_reset_barrier: waiting parties get BrokenBarrierError, then it fills again", async () => {
  const { loop } = recordingLoop();
  const barrier = new Barrier(2);
  const t1 = loop.createTask(barrier.wait());
  await runBriefly(loop);
  await loop.runUntilComplete(barrier.reset());
  await assert.rejects(loop.runUntilComplete(t1), BrokenBarrierError);
  assert.equal(barrier.broken, false);
  assert.deepEqual(
    [...await loop.runUntilComplete(gathered(barrier.wait(), barrier.wait()))].sort(),
    [0, 1],
  );
  loop.close();
});
