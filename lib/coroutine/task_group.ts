/**
 * `TaskGroup`: structured concurrency, asyncio 3.11's `async with TaskGroup()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { RuntimeError } from "../loop/errors.ts";
import { getRunningLoop } from "../loop/running.ts";
import { type Coroutine, isCoroutine } from "./coroutine.ts";
import { CancelledError } from "./errors.ts";
import { ExceptionGroup } from "./exception_group.ts";
import type { Future } from "./future.ts";
import type { Task, TaskOptions } from "./task.ts";

/**
 * A body for {@link TaskGroup.run}: a generator function given the group, or a
 * plain function when the body only starts tasks and never waits itself.
 */
export type TaskGroupBody<R> = (group: TaskGroup) => Coroutine<R> | R;

/**
 * asyncio's `TaskGroup`: tasks started with `group.createTask()` inside
 * `group.run(body)` all finish before `run` returns, whatever happens. When
 * one fails, the group cancels its siblings and the body, waits for them,
 * and throws every error together as an {@link ExceptionGroup} (a JavaScript
 * `AggregateError`). Compare `gather`, which returns the first error and
 * leaves the siblings running.
 *
 * asyncio spells it `async with asyncio.TaskGroup() as tg:`. A generator
 * cannot wait in a `using` block's clean-up, so here the block is a
 * generator function: `yield* new TaskGroup().run(function* (tg) { ... })`,
 * or {@link taskGroup}`(function* (tg) { ... })`. Python's `BaseException`s
 * (`KeyboardInterrupt`, `SystemExit`) have no JavaScript counterpart; every
 * error is grouped.
 *
 * @example
 * ```ts
 * import { ExceptionGroup, run, sleep, taskGroup } from "@course/lib";
 * function* fail(after: number): Generator<unknown, never> {
 *   yield* sleep(after);
 *   throw new Error(`failed after ${after} s`);
 * }
 * const slow = { cancelled: false };
 * function* main() {
 *   try {
 *     yield* taskGroup(function* (tg) {
 *       tg.createTask(fail(1));
 *       tg.createTask((function* () {
 *         try { yield* sleep(10); } finally { slow.cancelled = true; }
 *       })());
 *     });
 *   } catch (error) {
 *     return (error as ExceptionGroup).exceptions.map(String);
 *   }
 * }
 * console.log(await run(main(), { clock: "virtual" }), slow); // [ "Error: failed after 1 s" ] { cancelled: true }
 * ```
 */
export class TaskGroup {
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: EventLoop | null = null;
  #parent: Task<unknown> | null = null;
  #parentCancelRequested = false;
  #tasks = new Set<Task<unknown>>();
  #errors: unknown[] = [];
  #onCompleted: Future<boolean> | null = null;

  /**
   * Runs `body` inside the group (asyncio's `async with TaskGroup() as tg:`)
   * and waits for every task it started.
   *
   * @param body A generator function (or a plain function), given the group.
   * @returns A coroutine returning what `body` returns.
   * @throws {ExceptionGroup} With every error of the tasks and the body.
   */
  run<R>(body: (group: TaskGroup) => Coroutine<R>): Coroutine<R>;
  /**
   * Runs a plain `body` that only starts tasks, then waits for them.
   * @param body A function given the group.
   * @returns A coroutine returning what `body` returns.
   */
  run<R>(body: (group: TaskGroup) => R): Coroutine<R>;
  *run<R>(body: TaskGroupBody<R>): Coroutine<R> {
    this.enter();
    let result: R;
    try {
      const out = body(this);
      result = isCoroutine(out) ? yield* out as Coroutine<R> : out as R;
    } catch (error) {
      yield* this.exit(true, error);
      throw error;
    }
    yield* this.exit(false);
    return result;
  }

  /**
   * Starts `coro` as a task of the group.
   *
   * @param coro A coroutine.
   * @param options The task's options (`name`).
   * @returns The task.
   * @throws {RuntimeError} Outside `run`, after the group finished, or while it shuts down.
   */
  createTask<T>(coro: Coroutine<T>, options?: TaskOptions): Task<T> {
    let refusal: string | null = null;
    if (!this.#entered) refusal = "has not been entered: call createTask inside run()";
    else if (this.#exiting && this.#tasks.size === 0) refusal = "is finished";
    else if (this.#aborting) refusal = "is shutting down";
    if (refusal !== null) {
      coro.return(undefined as T); // close it, as asyncio closes the coroutine
      throw new RuntimeError(`TaskGroup ${refusal}`);
    }
    const task = this.#loop!.createTask(coro, options);
    // Even a task done already (eager) is reported through its done callback.
    this.#tasks.add(task as Task<unknown>);
    task.addDoneCallback(this.#onTaskDone);
    return task;
  }

  /**
   * asyncio's `__aenter__`, for code that manages the group by hand; prefer {@link run}.
   * @throws {RuntimeError} If entered twice or outside a task.
   */
  enter(): void {
    if (this.#entered) throw new RuntimeError("TaskGroup has already been entered");
    this.#loop ??= getRunningLoop();
    this.#parent = this.#loop._currentTask;
    if (this.#parent === null) throw new RuntimeError("TaskGroup cannot determine the parent task");
    this.#entered = true;
  }

  /**
   * asyncio's `__aexit__`: waits for every task, then throws what must be thrown.
   * Returns normally when the body's own error (if any) should propagate as it is.
   *
   * @param failed Whether the body threw.
   * @param error What it threw.
   * @returns A coroutine.
   */
  *exit(failed: boolean, error?: unknown): Coroutine<void> {
    this.#exiting = true;
    const parent = this.#parent!;
    let propagateCancel: unknown = failed && error instanceof CancelledError ? error : null;
    if (failed && !this.#aborting) this.#abort(); // the parent is cancelled, or the body threw

    // A loop: the wait can be cancelled again and again from outside.
    while (this.#tasks.size > 0) {
      this.#onCompleted ??= this.#loop!.createFuture<boolean>();
      try {
        yield* this.#onCompleted;
      } catch (thrown) {
        if (!(thrown instanceof CancelledError)) throw thrown;
        if (!this.#aborting) {
          propagateCancel = thrown; // the parent was cancelled while the tasks ran
          this.#abort();
        }
      }
      this.#onCompleted = null;
    }

    if (this.#parentCancelRequested && parent.uncancel() === 0) {
      propagateCancel = null; // we cancelled the parent ourselves: not a real cancellation
    }
    if (propagateCancel !== null && this.#errors.length === 0) throw propagateCancel;
    if (failed && !(error instanceof CancelledError)) this.#errors.push(error);
    if (this.#errors.length > 0) {
      // Keep an outside cancellation's count stable.
      if (parent.cancelling() > 0) {
        parent.uncancel();
        parent.cancel();
      }
      const errors = this.#errors;
      this.#errors = [];
      throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  /** E.g. `<TaskGroup tasks=2 entered>`. */
  toString(): string {
    const state = this.#aborting ? "cancelling" : this.#entered ? "entered" : "";
    return `<TaskGroup tasks=${this.#tasks.size} ${state}>`;
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) if (!task.done()) task.cancel();
  }

  #onTaskDone = (task: Future<unknown>): void => {
    this.#tasks.delete(task as Task<unknown>);
    if (this.#onCompleted !== null && this.#tasks.size === 0 && !this.#onCompleted.done()) {
      this.#onCompleted.setResult(true);
    }
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null) return;
    this.#errors.push(error);
    const parent = this.#parent!;
    if (parent.done()) {
      this.#loop!.callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: error,
        task: task as Task<unknown>,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      // Stop the body too: cancel the parent, and take it back in exit().
      this.#abort();
      this.#parentCancelRequested = true;
      parent.cancel();
    }
  };
}

/**
 * Runs `body` in a new {@link TaskGroup}: `yield* taskGroup(function* (tg) { ... })`
 * is asyncio's `async with asyncio.TaskGroup() as tg: ...`.
 *
 * @param body A generator function (or a plain function that only starts tasks), given the group.
 * @returns A coroutine returning what `body` returns.
 * @example
 * ```ts
 * import { run, sleep, taskGroup } from "@course/lib";
 * function* breakfast() {
 *   const [tea, toast] = yield* taskGroup(function* (tg) {
 *     return [tg.createTask(sleep(2, "tea")), tg.createTask(sleep(3, "toast"))];
 *   });
 *   return [tea.result(), toast.result()]; // both done: the group waited for them
 * }
 * console.log(await run(breakfast(), { clock: "virtual" })); // [ "tea", "toast" ]
 * ```
 */
export function taskGroup<R>(body: (group: TaskGroup) => Coroutine<R>): Coroutine<R>;
/**
 * The plain-function form: `yield* taskGroup((tg) => { tg.createTask(a()); tg.createTask(b()); })`.
 * @param body A function that starts the tasks.
 * @returns A coroutine returning what `body` returns, once every task is done.
 */
export function taskGroup<R>(body: (group: TaskGroup) => R): Coroutine<R>;
export function taskGroup<R>(body: TaskGroupBody<R>): Coroutine<R> {
  return new TaskGroup().run(body as (group: TaskGroup) => R);
}
