/**
 * Checks for `08-pipeline`, on the virtual clock: every item processed, in
 * order, by at most `workers` at a time, never reading more than `maxsize`
 * items ahead of the workers (backpressure), and nothing left running.
 *
 * @module
 */
import {
  allTasks,
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  runOnVirtualClock,
  sleep,
} from "@course/lib";

type Pipeline = (
  read: () => Coroutine<number | null>,
  process: (item: number) => Coroutine<string>,
  workers: number,
  maxsize: number,
) => Coroutine<string[]>;
type Bindings = { pipeline: Pipeline };

/** Runs the pipeline over `n` items that take `cost(item)` seconds each, and measures it. */
async function measure({ pipeline }: Bindings, n: number, workers: number, maxsize: number) {
  expectGeneratorFunction(pipeline, "pipeline");
  const stats = { reads: 0, started: 0, inProgress: 0, peak: 0, mostAhead: 0, leftover: 0 };
  // deno-lint-ignore require-yield -- a source that never waits: the fastest producer
  function* read(): Coroutine<number | null> {
    if (stats.reads === n) return null;
    stats.reads++;
    stats.mostAhead = Math.max(stats.mostAhead, stats.reads - stats.started);
    return stats.reads;
  }
  function* process(item: number): Coroutine<string> {
    stats.started++;
    stats.peak = Math.max(stats.peak, ++stats.inProgress);
    try {
      yield* sleep(1);
      return `done ${item}`;
    } finally {
      stats.inProgress--;
    }
  }
  const run = await runOnVirtualClock(function* () {
    const results = yield* pipeline(read, process, workers, maxsize);
    yield* sleep(0);
    stats.leftover = allTasks().size - 1; // pending tasks besides this one
    return results;
  }, { name: `pipeline(${n} items of 1 s, ${workers} workers, maxsize ${maxsize})` });
  return { run, stats };
}

export default defineChecks<Bindings>([
  {
    name: "pipeline is a generator function",
    run: ({ pipeline }) => expectGeneratorFunction(pipeline, "pipeline"),
  },
  {
    name: "every item is processed, results in the order read",
    run: async (bindings) => {
      const { run } = await measure(bindings, 6, 2, 2);
      expectEqual(run.value, [1, 2, 3, 4, 5, 6].map((i) => `done ${i}`), "pipeline's result");
    },
  },
  {
    name: "`workers` items in progress at once: 6 items of 1 s with 2 workers take 3 s",
    run: async (bindings) => {
      const { run, stats } = await measure(bindings, 6, 2, 2);
      if (stats.peak > 2) {
        fail(`${stats.peak} items were processed at once, expected at most 2 (the workers)`, {
          trace: run.trace,
        });
      }
      expectVirtualTime(run, 3, { tooSlow: "fewer than 2 items were processed at a time" });
    },
  },
  {
    name: "backpressure: never more than maxsize + 1 items read ahead of the workers",
    run: async (bindings) => {
      const { run, stats } = await measure(bindings, 10, 2, 2);
      if (stats.mostAhead > 3) {
        fail(
          `the pipeline read ${stats.mostAhead} items before the workers started them, expected ` +
            "at most 3 (a full queue of 2, plus the item being put): put items into a " +
            "Queue({ maxsize }) as you read them",
          { trace: run.trace },
        );
      }
    },
  },
  {
    name: "no worker task is left running after pipeline returns",
    run: async (bindings) => {
      const { stats } = await measure(bindings, 4, 3, 1);
      expectEqual(stats.leftover, 0, "tasks still running after pipeline returned");
    },
  },
  {
    name: "an empty input gives an empty result",
    hidden: true,
    run: async (bindings) => {
      const { run } = await measure(bindings, 0, 2, 2);
      expectEqual(run.value, [], "pipeline's result for no items");
    },
  },
]);
