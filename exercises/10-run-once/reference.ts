/**
 * The callback loop of `10-run-once`: its state, the helpers that schedule
 * work on it, the reference turn, and the programs the checks run.
 *
 * @module
 */

/** A callback due at a virtual time. */
export interface Timer {
  /** When it is due, virtual seconds. */
  when: number;
  /** What to run. */
  callback: () => void;
}

/** The loop's state, as the exercise cell describes it. */
export interface CallbackLoop {
  /** Virtual seconds. */
  now: number;
  /** Callbacks that can run now. */
  ready: (() => void)[];
  /** Sorted by `when`, equal `when` in the order they were set. */
  timers: Timer[];
}

/** One turn, as the exercise asks: the reference the learner's turn is compared with. */
export function referenceRunOnce(loop: CallbackLoop): boolean {
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

/** What a program may do to the loop while it runs. */
export interface Scheduler {
  /** Queues `name` to run soon; `then` runs inside it. */
  soon(name: string, then?: () => void): void;
  /** Sets a timer `delay` seconds from now; `then` runs inside it. */
  later(delay: number, name: string, then?: () => void): void;
}

/** A program: schedules its first callbacks; they may schedule more. */
export type Program = (s: Scheduler) => void;

/**
 * Runs `program` with `runOnce` until it returns false, logging each callback as
 * `turn:name@time`.
 *
 * @param runOnce The turn to test.
 * @param program What to schedule.
 * @returns The log, and whether the run was cut short after 100 turns.
 */
export function runProgram(
  runOnce: (loop: CallbackLoop) => unknown,
  program: Program,
): { log: string[]; endless: boolean } {
  const loop: CallbackLoop = { now: 0, ready: [], timers: [] };
  const log: string[] = [];
  let turn = 0;
  const named = (name: string, then?: () => void) => () => {
    log.push(`${turn}:${name}@${loop.now}`);
    then?.();
  };
  const s: Scheduler = {
    soon: (name, then) => void loop.ready.push(named(name, then)),
    later(delay, name, then) {
      const when = loop.now + delay;
      const i = loop.timers.findIndex((t) => t.when > when);
      loop.timers.splice(i === -1 ? loop.timers.length : i, 0, {
        when,
        callback: named(name, then),
      });
    },
  };
  program(s);
  while (turn < 100) {
    turn++;
    if (!runOnce(loop)) return { log, endless: false };
  }
  return { log, endless: true };
}

/** The programs of the checks, by name. */
export const PROGRAMS: Record<string, Program> = {
  "three ready callbacks": (s) => ["a", "b", "c"].forEach((n) => s.soon(n)),
  "a callback that schedules another": (s) => {
    s.soon("a", () => s.soon("a2", () => s.soon("a3")));
    s.soon("b");
  },
  "timers out of order, two due at once": (s) => {
    s.later(2, "x");
    s.later(1, "y");
    s.later(1, "z");
    s.later(3, "w");
  },
  "callbacks and timers mixed": (s) => {
    s.soon("a", () => s.later(0, "from a"));
    s.later(0, "due now");
    s.later(0.5, "half", () => {
      s.soon("after half");
      s.later(1, "t=1.5");
    });
    s.soon("b");
  },
};
