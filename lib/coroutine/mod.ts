/**
 * Coroutines on the teaching loop: `Future`, `Task`, the errors, and the
 * helpers that wait (`sleep`, `gather`, `waitFor`, `shield`, `wait`,
 * `asCompleted`). A coroutine is a generator object; `yield* x` waits for `x`.
 *
 * @module
 */
export { CancelledError, InvalidStateError, TimeoutError } from "./errors.ts";
export { ValueError } from "./value_error.ts";
export { type Awaitable, type AwaitedValue, type Coroutine, isCoroutine } from "./coroutine.ts";
export { type DoneCallback, Future } from "./future.ts";
export { Task, type TaskOptions } from "./task.ts";
export { ensureFuture } from "./ensure_future.ts";
export { createTask } from "./create_task.ts";
export { run } from "./run.ts";
export { sleep } from "./sleep.ts";
export { gather, type GatherOptions, type GatherResults } from "./gather.ts";
export { waitFor } from "./wait_for.ts";
export { TaskGroup, taskGroup, type TaskGroupBody } from "./task_group.ts";
export { type ErrorMatch, ExceptionGroup } from "./exception_group.ts";
export { Timeout, timeout, timeoutAt, type TimeoutBody } from "./timeout.ts";
export { eagerTaskFactory } from "./eager_task_factory.ts";
export { shield } from "./shield.ts";
export {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  wait,
  type WaitOptions,
  type WaitResult,
} from "./wait.ts";
export { asCompleted, type AsCompletedOptions } from "./as_completed.ts";
export { currentTask } from "./current_task.ts";
export { allTasks } from "./all_tasks.ts";
export { getRunningLoop } from "../loop/running.ts";
