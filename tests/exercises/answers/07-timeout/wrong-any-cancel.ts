import { CancelledError, type Coroutine, getRunningLoop } from "@course/lib";

// Treats every cancellation as its own timeout.
function* withTimeout<T>(work: Coroutine<T>, seconds: number, fallback: T): Coroutine<T> {
  const loop = getRunningLoop();
  const task = loop.createTask(work);
  const timer = loop.callLater(seconds, () => task.cancel());
  try {
    return yield* task;
  } catch (error) {
    if (error instanceof CancelledError) return fallback;
    throw error;
  } finally {
    timer.cancel();
  }
}
