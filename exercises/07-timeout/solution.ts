import { CancelledError, type Coroutine, getRunningLoop } from "@course/lib";

// Run `work` as a task; a timer cancels it at the deadline, and then we return `fallback`.
function* withTimeout<T>(work: Coroutine<T>, seconds: number, fallback: T): Coroutine<T> {
  const loop = getRunningLoop();
  const task = loop.createTask(work);
  let timedOut = false;
  const timer = loop.callLater(seconds, () => {
    timedOut = true;
    task.cancel();
  });
  try {
    return yield* task;
  } catch (error) {
    if (timedOut && error instanceof CancelledError) return fallback;
    throw error; // the work's own failure, or its own cancellation, is the caller's business
  } finally {
    timer.cancel(); // quick work: the deadline no longer matters
  }
}
