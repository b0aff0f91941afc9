/**
 * Checks for `04-fix-the-hog`: the learner's hog runs beside two polite tasks
 * in `runCooperative`; it must do all its work, never more than 10 units per turn.
 *
 * @module
 */
import {
  type CooperativeResult,
  defineChecks,
  expectGeneratorFunction,
  fail,
  runCooperative,
  type TaskContext,
} from "@course/lib";

const MAX_TURN = 10;

/** A task that works 1 unit, then yields, five times. */
function polite(name: string) {
  return {
    name,
    *run(ctx: TaskContext) {
      for (let i = 0; i < 5; i++) {
        ctx.work(1);
        yield;
      }
    },
  };
}

/** Runs the learner's hog between two polite tasks. */
function runWithHog(hog: unknown): CooperativeResult {
  expectGeneratorFunction(hog, "hog");
  const run = hog as (ctx: TaskContext) => Iterator<unknown, unknown, undefined>;
  return runCooperative([polite("A"), { name: "hog", run }, polite("B")], {
    budget: 1000,
    starveAfter: MAX_TURN,
  });
}

export default defineChecks<{ hog: unknown }>([
  {
    name: `the hog never keeps the CPU for more than ${MAX_TURN} units in one turn`,
    misconception:
      "a cooperative scheduler takes the CPU back by itself; in fact a task keeps it until it yields",
    run: ({ hog }) => {
      const result = runWithHog(hog);
      const turns = result.timeline.filter((s) => s.name === "hog").map((s) => s.end - s.start);
      const longest = Math.max(0, ...turns);
      if (longest > MAX_TURN) {
        const waits = result.starved.map((s) => `${s.name} waited ${s.waited}`).join(", ");
        fail(
          `the hog kept the CPU for ${longest} units in one turn${waits ? ` (${waits})` : ""}:` +
            ` it must yield at least every ${MAX_TURN} units of work`,
        );
      }
    },
  },
  {
    name: "the hog still does its 100 units of work and finishes",
    run: ({ hog }) => {
      const result = runWithHog(hog);
      const work = result.timeline.filter((s) => s.name === "hog")
        .reduce((sum, s) => sum + s.end - s.start, 0);
      if (work !== 100 || !result.finished.includes("hog")) {
        fail(
          `the hog did ${work} units of work (finished: ${result.finished.includes("hog")});` +
            " it should do exactly 100 and return",
        );
      }
    },
  },
]);
