/**
 * The reference round-robin scheduler for `04-round-robin`, and task factories
 * that record when they are resumed.
 *
 * @module
 */

/**
 * Runs generator tasks round robin, one `next()` per turn.
 *
 * @param tasks The tasks, queued in this order.
 * @returns Every yielded string, in order.
 */
export function referenceRoundRobin(tasks: Generator<string, void, undefined>[]): string[] {
  const queue = [...tasks];
  const out: string[] = [];
  while (queue.length > 0) {
    const task = queue.shift()!;
    const step = task.next();
    if (step.done) continue;
    out.push(step.value);
    queue.push(task);
  }
  return out;
}

/**
 * A task that yields `${name}1` ... `${name}n`, logging each resumption to `log`.
 *
 * @param name The task's name.
 * @param n How many times it yields.
 * @param log Receives `"resume <name>"` each time the task is resumed, and `"end <name>"`.
 * @returns The generator.
 */
export function* counting(
  name: string,
  n: number,
  log: string[] = [],
): Generator<string, void, undefined> {
  for (let i = 1; i <= n; i++) {
    log.push(`resume ${name}`);
    yield `${name}${i}`;
  }
  log.push(`end ${name}`);
}

/** Workloads: task lengths per name. */
export const WORKLOADS: Record<string, Record<string, number>> = {
  "three tasks of 2 steps": { a: 2, b: 2, c: 2 },
  "tasks of different lengths": { a: 3, b: 1, c: 4, d: 2 },
  "one task": { solo: 3 },
  "a task that yields nothing": { a: 2, empty: 0, b: 1 },
  "no tasks": {},
};

/**
 * Runs `scheduler` on a workload and returns its output and the resumption log.
 *
 * @param scheduler A round-robin implementation.
 * @param workload Task lengths per name.
 * @returns What it returned, and the order in which tasks were resumed.
 */
export function runWorkload(
  scheduler: (tasks: Generator<string, void, undefined>[]) => unknown,
  workload: Record<string, number>,
): { out: unknown; log: string[] } {
  const log: string[] = [];
  const tasks = Object.entries(workload).map(([name, n]) => counting(name, n, log));
  return { out: scheduler(tasks), log };
}
