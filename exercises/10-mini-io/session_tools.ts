/**
 * Small helpers of the `10-mini-io` session: a timer on the learner's loop
 * that notices when it runs early, and a description of a thrown value.
 *
 * @module
 */
import type { CallbackLoop } from "@course/lib";

const seconds = (): number => performance.now() / 1000;

/**
 * Sets a timer on the loop (sorted by `when`, equal times in order), counting
 * one that runs before its time.
 *
 * @param loop The loop.
 * @param delay Seconds from now.
 * @param callback What to run.
 * @param early Called when the loop runs the timer more than 1 ms early.
 */
export function setTimer(
  loop: CallbackLoop,
  delay: number,
  callback: () => void,
  early: () => void,
): void {
  const when = seconds() + delay;
  const timed = () => {
    if (seconds() < when - 0.001) early();
    callback();
  };
  const i = loop.timers.findIndex((t) => t.when > when);
  loop.timers.splice(i === -1 ? loop.timers.length : i, 0, { when, callback: timed });
}

/**
 * A short description of what a learner's function threw.
 *
 * @param error The thrown value.
 * @returns Its name and message.
 */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
