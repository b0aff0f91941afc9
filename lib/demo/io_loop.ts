/**
 * The capstone's own loop, as the course drives it: the learner's stage-1
 * callback loop plus a `Selector` of readers, on the real clock, turned by the
 * learner's async `runIoOnce` until it returns false. Used by the checks of
 * `10-mini-io` (echo clients) and by the finale's session
 * (`runComputeSession`).
 *
 * @module
 */
import { Selector } from "../socket/selector.ts";
import type { Selectable } from "../socket/types.ts";

/** The stage-1 loop's state (`now` in seconds of `performance.now()` here). */
export interface CallbackLoop {
  /** The loop's clock, seconds. */
  now: number;
  /** Callbacks that can run now, first in, first out. */
  ready: (() => void)[];
  /** Timers sorted by `when`; equal `when` in the order they were set. */
  timers: { when: number; callback: () => void }[];
}

/** The stage-3 loop: stage 1 plus the selector that holds each reader's callback. */
export type IoLoop = CallbackLoop & { selector: Selector<() => void> };

/** The learner's stage-3 functions (or the reference). */
export interface IoFunctions {
  /** Runs `callback` in a turn whenever `sock` is readable. */
  addReader(loop: IoLoop, sock: Selectable, callback: () => void): void;
  /** Stops watching `sock`. */
  removeReader(loop: IoLoop, sock: Selectable): void;
  /** One turn: wait for readiness or the first timer, then run what is ready; false when idle for good. */
  runIoOnce(loop: IoLoop): Promise<boolean> | boolean;
}

/**
 * A fresh stage-3 loop at the current real time (`now` in seconds of `performance.now()`).
 *
 * @returns The loop.
 * @example
 * ```ts
 * import { newIoLoop } from "@course/lib";
 * const loop = newIoLoop();
 * console.log(loop.ready.length, loop.timers.length, loop.selector.getMap().size); // 0 0 0
 * ```
 */
export function newIoLoop(): IoLoop {
  return {
    now: performance.now() / 1000,
    ready: [],
    timers: [],
    selector: new Selector<() => void>(),
  };
}

/** How a drive of the loop ended. */
export interface Drive {
  /** Turns taken. */
  turns: number;
  /** True when `runIoOnce` returned false (the loop ran out of work). */
  ended: boolean;
  /** What `runIoOnce` threw, if it did. */
  error: unknown;
}

/**
 * Turns the loop until `runIoOnce` returns false, throws, or `stop()` is
 * called; `stop` also wakes a pending selector wait. `done` settles with the
 * outcome; it never rejects.
 *
 * @param io The learner's functions.
 * @param loop The loop.
 * @returns The outcome promise and the stop switch.
 */
export function driveIoLoop(io: IoFunctions, loop: IoLoop): { done: Promise<Drive>; stop(): void } {
  let stopped = false;
  const done = (async (): Promise<Drive> => {
    let turns = 0;
    try {
      while (!stopped) {
        turns++;
        // A false after stop() answers the wake-up, not a loop out of work.
        if (!(await io.runIoOnce(loop))) return { turns, ended: !stopped, error: null };
      }
    } catch (error) {
      return { turns, ended: false, error };
    }
    return { turns, ended: false, error: null };
  })();
  return {
    done,
    stop() {
      stopped = true;
      loop.selector.wakeUp();
    },
  };
}

/**
 * Settles with `promise`, or with `fallback` after `ms` (the timer is cleared either way).
 *
 * @param promise What to wait for.
 * @param ms The longest wait.
 * @param fallback The value on timeout.
 * @returns The first to come.
 */
export async function settleWithin<T, F>(
  promise: Promise<T>,
  ms: number,
  fallback: F,
): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
