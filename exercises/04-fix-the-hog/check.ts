/**
 * Checks for `04-fix-the-hog`: the learner's hog works through items of
 * different costs beside two polite tasks in `runCooperative`. It must do all
 * its work, keep the CPU for at most 10 units per turn, and not give way more
 * often than needed (yield only when the next item would not fit in the turn).
 * Hidden checks use other cost lists, so a hog tuned to the visible one fails.
 *
 * @module
 */
import {
  type CooperativeResult,
  defineChecks,
  expectGeneratorFunction,
  fail,
  runCooperative,
  show,
  type TaskContext,
} from "@course/lib";

const MAX_TURN = 10;
const VISIBLE = [3, 4, 2, 6, 1, 1, 5, 7, 2, 3, 8, 2, 2, 4, 9, 1, 6];

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

/** Fewest turns that keep every turn within MAX_TURN, items in order (greedy is optimal). */
function fewestTurns(costs: readonly number[]): number {
  let turns = 0;
  let room = 0;
  for (const cost of costs) {
    if (cost > room) {
      turns++;
      room = MAX_TURN;
    }
    room -= cost;
  }
  return turns;
}

/** Cost lists from a small seeded generator (the same every run). */
function hiddenCosts(seed: number, length: number): number[] {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1 + (state % MAX_TURN);
  });
}

/** Runs the learner's hog on `costs` between two polite tasks. */
function runWithHog(hog: unknown, costs: readonly number[]): CooperativeResult {
  expectGeneratorFunction(hog, "hog");
  const make = hog as (ctx: TaskContext, costs: number[]) => Iterator<unknown, unknown, undefined>;
  return runCooperative([
    polite("A"),
    { name: "hog", run: (ctx) => make(ctx, [...costs]) },
    polite("B"),
  ], {
    budget: 10_000,
    starveAfter: MAX_TURN,
  });
}

/** The hog's turns (units of work each), from the timeline. */
const hogTurns = (result: CooperativeResult) =>
  result.timeline.filter((s) => s.name === "hog").map((s) => s.end - s.start);

function expectAllWork(hog: unknown, costs: readonly number[]): void {
  const result = runWithHog(hog, costs);
  const work = hogTurns(result).reduce((sum, n) => sum + n, 0);
  const total = costs.reduce((sum, n) => sum + n, 0);
  if (work !== total || !result.finished.includes("hog")) {
    fail(
      `the hog did ${work} of its ${total} units of work ` +
        `(finished: ${
          result.finished.includes("hog")
        }): call ctx.work(cost) once per item, then return`,
    );
  }
}

function expectShortTurns(hog: unknown, costs: readonly number[]): void {
  const longest = Math.max(0, ...hogTurns(runWithHog(hog, costs)));
  if (longest > MAX_TURN) {
    fail(
      `one turn of the hog lasted ${longest} units: before an item that would take the turn ` +
        `past ${MAX_TURN} units, yield`,
    );
  }
}

function expectFewTurns(hog: unknown, costs: readonly number[]): void {
  const turns = hogTurns(runWithHog(hog, costs)).length;
  const fewest = fewestTurns(costs);
  if (turns > fewest) {
    fail(
      `the hog took ${turns} turns where ${fewest} keep every turn within ${MAX_TURN} units: ` +
        "each yield costs a switch; yield only when the next item does not fit",
    );
  }
}

export default defineChecks<{ hog: unknown }>([
  {
    name: "the hog does the work of every item and finishes",
    run: ({ hog }) => expectAllWork(hog, VISIBLE),
  },
  {
    name: `the hog never keeps the CPU for more than ${MAX_TURN} units in one turn`,
    misconception:
      "a cooperative scheduler takes the CPU back by itself; in fact a task keeps it until it yields",
    run: ({ hog }) => expectShortTurns(hog, VISIBLE),
  },
  {
    name: "the hog does not give way more often than it must",
    misconception: "yielding costs nothing, so a task may give way after every small step",
    run: ({ hog }) => expectFewTurns(hog, VISIBLE),
  },
  {
    name: "other cost lists: all the work, short turns, no needless yields",
    hidden: true,
    run: ({ hog }) => {
      for (const costs of [[], [10, 10, 10], hiddenCosts(7, 40), hiddenCosts(99, 25)]) {
        try {
          expectAllWork(hog, costs);
          expectShortTurns(hog, costs);
          expectFewTurns(hog, costs);
        } catch (error) {
          fail(`with costs ${show(costs)}: ${(error as Error).message}`);
        }
      }
    },
  },
]);
