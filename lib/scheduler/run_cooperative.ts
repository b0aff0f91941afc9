/**
 * `runCooperative`: a cooperative round-robin scheduler over generator tasks.
 *
 * A task runs until it yields. Nothing can take the CPU away from it: a task
 * that computes without ever yielding keeps everyone else waiting. Here the
 * virtual clock has a budget, so such a demo still ends, and the result says
 * who starved.
 *
 * A task does its work with `ctx.work(units)`, which advances the virtual clock
 * (the task is computing; it has NOT given up the CPU), and gives way with a
 * bare `yield`. This is how Python's asyncio and JavaScript's event loop share
 * one thread: only at `await` (here, `yield`) can another task run.
 *
 * @module
 */
import type { Slice } from "./slice.ts";

/** What a running task can do besides yielding. */
export interface TaskContext {
  /** The task's name. */
  readonly name: string;
  /** The virtual clock, in work units. */
  now(): number;
  /**
   * Computes for `units` of virtual time without giving up the CPU.
   * Throws (ending the run) if the clock passes the budget.
   */
  work(units?: number): void;
  /** Adds a line to the run's log, stamped with the time and the task's name. */
  log(message: string): void;
}

/** A named task: a generator function that gives way with `yield`. */
export interface CooperativeTask {
  /** Shown in the timeline and the log. */
  name: string;
  /** The task's body; each bare `yield` hands the CPU to the next task. */
  run(ctx: TaskContext): Iterator<unknown, unknown, undefined>;
}

/** How long the scheduler may run and when a wait counts as starvation. */
export interface CooperativeOptions {
  /** Stop when the virtual clock reaches this (work units). Default 1000. */
  budget?: number;
  /** A task waiting longer than this (work units) for its turn is starved. Default 100. */
  starveAfter?: number;
}

/** What a cooperative run produced. */
export interface CooperativeResult {
  /** Every task's name, in the order they were given. */
  tasks: string[];
  /** One `cpu` slice per turn that did work, all on core 0 (there is one thread). */
  timeline: Slice[];
  /** Names of tasks that returned, in the order they did. */
  finished: string[];
  /** Tasks that waited longer than `starveAfter` for a turn, with their longest wait. */
  starved: { name: string; waited: number }[];
  /** Set when the budget ran out: who held the CPU and since when. */
  budgetExceeded: { task: string; since: number } | null;
  /** The virtual clock at the end. */
  clock: number;
  /** Every turn and every `ctx.log` line, e.g. `"[12] ticker: tick 3"`. */
  log: string[];
}

/** Thrown inside a task's `work()` when the budget runs out; caught by the scheduler. */
class BudgetExceeded extends Error {}

/**
 * Runs tasks round-robin on one virtual thread until all finish or the budget runs out.
 *
 * @param tasks The tasks, started in this order.
 * @param options The budget and the starvation threshold.
 * @returns The timeline, who finished, who starved, and a log.
 * @example
 * ```ts
 * import { runCooperative } from "@course/lib/scheduler/mod.ts";
 * const result = runCooperative([
 *   { name: "hog", *run(ctx) { for (;;) ctx.work(1); } }, // never yields
 *   { name: "ticker", *run(ctx) { for (let i = 0; i < 3; i++) { ctx.work(1); yield; } } },
 * ], { budget: 200 });
 * console.log(result.budgetExceeded?.task, result.starved.map((s) => s.name)); // hog [ "ticker" ]
 * ```
 */
export function runCooperative(
  tasks: CooperativeTask[],
  options: CooperativeOptions = {},
): CooperativeResult {
  const budget = options.budget ?? 1000;
  const starveAfter = options.starveAfter ?? 100;
  if (!(budget > 0) || !(starveAfter > 0)) {
    throw new RangeError("runCooperative: budget and starveAfter must be positive numbers");
  }
  const names = new Set(tasks.map((t) => t.name));
  if (names.size !== tasks.length) throw new TypeError("runCooperative: task names must be unique");

  let clock = 0;
  const log: string[] = [];
  const timeline: Slice[] = [];
  const finished: string[] = [];
  const longestWait = new Map<string, number>();
  let budgetExceeded: CooperativeResult["budgetExceeded"] = null;

  const ready = tasks.map((task) => {
    const ctx: TaskContext = {
      name: task.name,
      now: () => clock,
      work(units = 1) {
        if (!(units >= 0)) throw new RangeError(`${task.name}: work(${units}) must be >= 0`);
        if (clock + units > budget) {
          clock = budget;
          throw new BudgetExceeded();
        }
        clock += units;
      },
      log: (message) => log.push(`[${clock}] ${task.name}: ${message}`),
    };
    return { name: task.name, iterator: task.run(ctx), readySince: 0 };
  });

  while (ready.length > 0 && !budgetExceeded) {
    const task = ready.shift()!;
    const waited = clock - task.readySince;
    longestWait.set(task.name, Math.max(longestWait.get(task.name) ?? 0, waited));
    const start = clock;
    let outcome: "yielded" | "returned" | "stopped";
    try {
      outcome = task.iterator.next().done ? "returned" : "yielded";
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) {
        throw new Error(`runCooperative: task ${task.name} threw: ${error}`, { cause: error });
      }
      outcome = "stopped";
    }
    if (clock > start) {
      timeline.push({ core: 0, name: task.name, kind: "cpu", start, end: clock });
    }
    if (outcome === "returned") {
      finished.push(task.name);
      log.push(`[${clock}] ${task.name}: finished`);
    } else if (outcome === "yielded") {
      task.readySince = clock;
      ready.push(task);
    } else {
      budgetExceeded = { task: task.name, since: start };
      log.push(
        `[${clock}] budget of ${budget} reached while ${task.name} held the CPU since ${start}`,
      );
    }
  }
  // Whoever is still in the queue has been waiting until now.
  for (const task of ready) {
    longestWait.set(task.name, Math.max(longestWait.get(task.name) ?? 0, clock - task.readySince));
  }
  const starved = [...longestWait]
    .filter(([, waited]) => waited > starveAfter)
    .map(([name, waited]) => ({ name, waited }));
  for (const { name, waited } of starved) {
    log.push(`[${clock}] ${name}: starved (waited ${waited})`);
  }
  return {
    tasks: tasks.map((t) => t.name),
    timeline,
    finished,
    starved,
    budgetExceeded,
    clock,
    log,
  };
}
