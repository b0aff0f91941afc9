/**
 * Checks that understand concurrency: run the learner's coroutine on a fresh
 * teaching loop with the virtual clock and a trace, then assert on virtual
 * time, on how many tasks were in progress at once, and on the trace. A
 * failure carries the trace, so the notebook draws the learner's timeline.
 *
 * @module
 */
import { type Coroutine, isCoroutine } from "../coroutine/mod.ts";
import { EventLoop, type QueueTraceEvent } from "../loop/mod.ts";
import { CheckFailure } from "./check_failure.ts";
import { show } from "./expect.ts";

/** What a run on the virtual clock produced. */
export interface VirtualRun<T> {
  /** The coroutine's return value. */
  value: T;
  /** Virtual seconds when it finished (`loop.time()`). */
  time: number;
  /** Every step the loop took, queue events included so `loopPlayer` can play it (see `lib/loop/trace.ts`). */
  trace: QueueTraceEvent[];
}

/** Limits for {@linkcode runOnVirtualClock}. */
export interface VirtualRunOptions {
  /** What to call the coroutine function in messages, such as `"waitAll()"`. */
  name?: string;
  /** Virtual seconds after which the run is stopped as endless; default one day. */
  maxTime?: number;
}

const TIME_LIMIT_CALLBACK = "virtualTimeLimit";

/**
 * Runs `main()` on a new loop with the virtual clock and tracing on: an hour of
 * `sleep` takes no real time, and `time` reads exactly what the program waited.
 *
 * @param main The learner's coroutine function (called with no arguments;
 *   wrap it to pass some: `() => fetchAll(urls)`).
 * @param options A name for messages and a virtual time limit.
 * @returns The value, the virtual finishing time and the trace.
 * @throws CheckFailure when `main()` does not return a generator, or the run
 *   does not finish by `maxTime`; errors the learner's code throws pass through.
 *
 * @example
 * ```ts
 * import { runOnVirtualClock, sleep } from "@course/lib";
 * const run = await runOnVirtualClock(function* () { yield* sleep(3600); return "ok"; });
 * console.log(run.time, run.value); // 3600 "ok"
 * ```
 */
export async function runOnVirtualClock<T>(
  main: () => Coroutine<T>,
  options: VirtualRunOptions = {},
): Promise<VirtualRun<T>> {
  const name = options.name ?? `${main.name || "main"}()`;
  const maxTime = options.maxTime ?? 86_400;
  const coro: unknown = main();
  if (!isCoroutine(coro)) {
    throw new CheckFailure(
      `expected ${name} to return a coroutine (a generator: write \`function*\`), got ${
        show(coro)
      }`,
    );
  }
  const loop = new EventLoop({ clock: "virtual", trace: true });
  let finished = false;
  // Stops a program that would wait forever in virtual time (it would never return).
  loop.callAt(maxTime, function virtualTimeLimit() {
    if (!finished) loop.stop();
  });
  const traceOf = () =>
    loop.trace({ queues: true }).filter((e) => !("name" in e && e.name === TIME_LIMIT_CALLBACK));
  try {
    // Named after the learner's function, so a failure timeline shows "waitAll", not "Task-12".
    const task = loop.createTask(coro as Coroutine<T>, { name: main.name || "main" });
    const value = await loop.runUntilComplete(task);
    finished = true;
    return { value, time: loop.time(), trace: traceOf() };
  } catch (error) {
    if (loop.time() >= maxTime) {
      throw new CheckFailure(`${name} was still running at virtual second ${maxTime}`, {
        trace: traceOf(),
      });
    }
    throw error;
  } finally {
    try {
      loop.close();
    } catch {
      // A loop that cannot close is garbage either way; the check's verdict matters more.
    }
  }
}

/** Messages for {@linkcode expectVirtualTime} that explain a wrong time. */
export interface VirtualTimeOptions {
  /** Allowed difference in virtual seconds; default 1e-6. */
  tolerance?: number;
  /** Said after the numbers when the run took longer, e.g. "the waits ran one after another". */
  tooSlow?: string;
  /** Said after the numbers when the run took less time, e.g. "did it wait at all?". */
  tooFast?: string;
}

const seconds = (t: number) => (Number.isInteger(t) ? t.toFixed(1) : String(+t.toFixed(6)));

/**
 * Expects a virtual-clock run to finish at virtual second `expected`.
 *
 * @param run The result of {@linkcode runOnVirtualClock}.
 * @param expected Virtual seconds.
 * @param options Tolerance and explanations.
 * @throws CheckFailure "finished at virtual second 10.0, expected 1.0: ...", with the trace.
 */
export function expectVirtualTime(
  run: VirtualRun<unknown>,
  expected: number,
  options: VirtualTimeOptions = {},
): void {
  const tolerance = options.tolerance ?? 1e-6;
  if (Math.abs(run.time - expected) <= tolerance) return;
  const why = run.time > expected ? options.tooSlow : options.tooFast;
  throw new CheckFailure(
    `finished at virtual second ${seconds(run.time)}, expected ${seconds(expected)}` +
      (why ? `: ${why}` : ""),
    { trace: run.trace },
  );
}

/**
 * The largest number of tasks in progress at the same moment (started and not
 * yet done), from a trace: 1 means nothing overlapped.
 *
 * @param trace A loop's trace.
 * @returns The peak count of tasks in progress.
 */
export function peakTasksInProgress(trace: readonly QueueTraceEvent[]): number {
  const inProgress = new Set<number>();
  let peak = 0;
  for (const event of trace) {
    if (event.kind !== "task-step") continue;
    if (event.phase === "start") inProgress.add(event.taskId);
    else if (event.outcome && event.outcome !== "suspended") inProgress.delete(event.taskId);
    peak = Math.max(peak, inProgress.size);
  }
  return peak;
}

/**
 * Expects at least `atLeast` tasks to have been in progress at once.
 *
 * @param run The result of {@linkcode runOnVirtualClock}.
 * @param atLeast The minimum peak, counting the main task.
 * @param what What should overlap, for the message, e.g. "the ten waits".
 * @throws CheckFailure with the peak found, and the trace.
 */
export function expectConcurrentTasks(
  run: VirtualRun<unknown>,
  atLeast: number,
  what = "tasks",
): void {
  const peak = peakTasksInProgress(run.trace);
  if (peak < atLeast) {
    throw new CheckFailure(
      `expected ${what} to be in progress at the same time (at least ${atLeast} tasks at once), ` +
        `but at most ${peak} ${peak === 1 ? "was" : "were"}`,
      { trace: run.trace },
    );
  }
}
