import assert from "node:assert/strict";
import { check, type Coroutine, gather, loopViews, runOnVirtualClock, sleep } from "@course/lib";

Deno.test("a failed concurrency check offers to play the learner's run", async () => {
  function* waitAll(): Coroutine<unknown[]> {
    const results: unknown[] = [];
    for (let i = 0; i < 10; i++) results.push(yield* sleep(1, i)); // one after another
    return results;
  }
  const card = await check("01-concurrent-waits", { waitAll });
  assert.match(card.html, /play your failing run/);
  assert.match(card.html, /class="lp"/);
  const player = card.html.slice(card.html.indexOf("play your failing run"));
  assert.doesNotMatch(player, /<svg/, "no chart folded away where it would have no size");
  assert.doesNotMatch(card.text, /play your/, "the plain text stays the table");
});

Deno.test("a passing check shows no player", async () => {
  function* waitAll(): Coroutine<unknown[]> {
    const results: unknown[] = []; // three at a time, as the exercise asks
    for (let first = 0; first < 10; first += 3) {
      const batch = Array.from({ length: Math.min(3, 10 - first) }, (_, i) => sleep(1, first + i));
      results.push(...(yield* gather(...batch)));
    }
    return results;
  }
  const card = await check("01-concurrent-waits", { waitAll });
  assert.match(card.html, /all \d+ checks pass/);
  assert.doesNotMatch(card.html, /play your failing run/);
});

Deno.test("runOnVirtualClock's trace is playable: its queues add up", async () => {
  const run = await runOnVirtualClock(function* () {
    yield* sleep(2);
  });
  const last = loopViews(run.trace).at(-1)!;
  assert.equal(last.time, 2);
  assert.deepEqual(last.timers, [], "the time-limit timer is not shown");
});

Deno.test("the failure timeline names unnamed tasks task 1, task 2, not by a process-wide counter", async () => {
  // The stub of 08-fix-the-race: eight customers, each an unnamed task made by gather.
  function* reserve(hall: { free: number; booked: string[] }, _lock: unknown, name: string) {
    if (hall.free === 0) return false;
    yield* sleep(1);
    hall.free -= 1;
    hall.booked.push(name);
    return true;
  }
  const card = await check("08-fix-the-race", { reserve });
  assert.match(card.html, /Your run/);
  assert.match(card.html, />task 1</);
  assert.doesNotMatch(card.html, />Task-\d+</);
});
