import assert from "node:assert/strict";
import { type CooperativeTask, runCooperative, type Slice } from "@course/lib/scheduler/mod.ts";

const turns = (timeline: Slice[]) => timeline.map((s) => `${s.name} ${s.start}-${s.end}`);

/** A task that works `units` times, one unit per turn, yielding after each. */
function polite(name: string, units: number): CooperativeTask {
  return {
    name,
    *run(ctx) {
      for (let i = 0; i < units; i++) {
        ctx.work(1);
        yield;
      }
    },
  };
}

const hog: CooperativeTask = {
  name: "hog",
  // deno-lint-ignore require-yield -- the point: this task never gives way
  *run(ctx) {
    for (;;) ctx.work(1); // computes forever and never yields
  },
};

/** The fix: the same work, but a `yield` every 10 units lets others in. */
const fixedHog: CooperativeTask = {
  name: "hog",
  *run(ctx) {
    for (let i = 1; i <= 30; i++) {
      ctx.work(1);
      if (i % 10 === 0) yield;
    }
  },
};

Deno.test("polite tasks take turns, round robin, one yield at a time", () => {
  const r = runCooperative([polite("a", 3), polite("b", 2)]);
  assert.deepEqual(turns(r.timeline), ["a 0-1", "b 1-2", "a 2-3", "b 3-4", "a 4-5"]);
  assert.deepEqual(r.finished, ["b", "a"]);
  assert.deepEqual(r.tasks, ["a", "b"]);
  assert.deepEqual(r.starved, []);
  assert.equal(r.budgetExceeded, null);
  assert.equal(r.clock, 5);
  assert.ok(r.timeline.every((s) => s.core === 0 && s.kind === "cpu" && !s.preempted));
});

Deno.test("a task that never yields starves the others until the budget stops it", () => {
  const r = runCooperative([hog, polite("ticker", 3)], { budget: 50, starveAfter: 10 });
  assert.deepEqual(turns(r.timeline), ["hog 0-50"]);
  assert.deepEqual(r.budgetExceeded, { task: "hog", since: 0 });
  assert.deepEqual(r.finished, []);
  assert.deepEqual(r.starved, [{ name: "ticker", waited: 50 }]);
  assert.ok(r.log.includes("[50] ticker: starved (waited 50)"), r.log.join("\n"));
});

Deno.test("the hog starves a task that already ran once, too", () => {
  const r = runCooperative([polite("ticker", 3), hog], { budget: 50, starveAfter: 10 });
  assert.deepEqual(turns(r.timeline), ["ticker 0-1", "hog 1-50"]);
  assert.deepEqual(r.starved, [{ name: "ticker", waited: 49 }]);
});

Deno.test("the fix: yielding every 10 units lets the ticker run between chunks", () => {
  const r = runCooperative([fixedHog, polite("ticker", 3)], { budget: 50, starveAfter: 10 });
  assert.deepEqual(turns(r.timeline), [
    "hog 0-10",
    "ticker 10-11",
    "hog 11-21",
    "ticker 21-22",
    "hog 22-32",
    "ticker 32-33",
  ]);
  assert.deepEqual(r.finished, ["hog", "ticker"]);
  assert.deepEqual(r.starved, []);
  assert.equal(r.budgetExceeded, null);
});

Deno.test("polite tasks that never finish still stop at the budget, nobody starved", () => {
  const forever = (name: string): CooperativeTask => ({
    name,
    *run(ctx) {
      for (;;) {
        ctx.work(2);
        yield;
      }
    },
  });
  const r = runCooperative([forever("x"), forever("y")], { budget: 9, starveAfter: 5 });
  assert.deepEqual(turns(r.timeline), ["x 0-2", "y 2-4", "x 4-6", "y 6-8", "x 8-9"]);
  assert.deepEqual(r.budgetExceeded, { task: "x", since: 8 });
  assert.deepEqual(r.starved, []);
});

Deno.test("ctx.log lines are stamped with the clock and the task", () => {
  const r = runCooperative([{
    name: "t",
    *run(ctx) {
      ctx.work(4);
      ctx.log("after work");
      yield;
    },
  }]);
  assert.deepEqual(r.log, ["[4] t: after work", "[4] t: finished"]);
});

Deno.test("an error in a task ends the run and names the task", () => {
  const broken: CooperativeTask = {
    name: "broken",
    *run() {
      yield;
      throw new Error("boom");
    },
  };
  assert.throws(() => runCooperative([broken]), /task broken threw: Error: boom/);
  assert.throws(() => runCooperative([polite("a", 1), polite("a", 1)]), /unique/);
});
