/**
 * A Task drives a coroutine on the loop, one step at a time. A step runs the
 * generator until it yields a future to wait for; the task then sleeps until
 * that future is done and resumes it with the result (or throws the error
 * into it). When the generator returns, the task's own result is set.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Runnable } from "../loop/handle.ts";
import { RuntimeError } from "../loop/errors.ts";
import { getRunningLoop } from "../loop/running.ts";
import { CancelledError, InvalidStateError } from "./errors.ts";
import { Future } from "./future.ts";
import { type Coroutine, isCoroutine, notAwaitableMessage } from "./coroutine.ts";

/** Options for `loop.createTask(coro, options)`. */
export interface TaskOptions {
  /** A name for traces and error messages; `Task-<n>` by default. */
  name?: string;
  /**
   * Run the first step now, inside `createTask`, when the loop is running
   * (Python 3.12's `eager_start`; see `eagerTaskFactory`).
   */
  eagerStart?: boolean;
}

// Marks "no exception to throw into the coroutine" (undefined can be thrown).
const NOTHING: unique symbol = Symbol("nothing");
// Coroutines some task drives already (weakly held: a finished one may be collected).
const driven = new WeakSet<Coroutine<unknown>>();
// Future's own addDoneCallback: a task waits on such a future through the fast _addWaiter.
const BASE_ADD_DONE_CALLBACK = Future.prototype.addDoneCallback;
// Step outcomes, as the trace records them.
const SUSPENDED = 0, DONE = 1, FAILED = 2, CANCELLED = 3;

let taskCounter = 0;

/**
 * A coroutine scheduled on the loop; also a {@link Future} of its return value.
 *
 * A deliberate difference from asyncio: a task puts its steps on the loop's ready queue itself,
 * where asyncio's goes through `loop.call_soon`, so a loop whose `callSoon` is replaced does not
 * see them (one step per turn costs no `Handle`; the loop benchmark's hot path).
 *
 * @typeParam T What the coroutine returns.
 * @example
 * ```ts
 * import { EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * function* brew(minutes: number) {
 *   yield* sleep(minutes * 60);
 *   return "coffee";
 * }
 * const task = loop.createTask(brew(4), { name: "brew" });
 * console.log(task.getName(), await loop.runUntilComplete(task), loop.time()); // brew coffee 240
 * ```
 */
export class Task<T = unknown> extends Future<T> implements Runnable {
  #coro: Coroutine<T>;
  /** @ignore */
  _name: string;
  /**
   * Unique per process, for traces.
   * @ignore
   */
  _id: number;
  /**
   * The name a trace recorder last saw.
   * @ignore
   */
  _tracedName: string | null = null;
  /**
   * The future this task waits for, if any (asyncio's `_fut_waiter`; the player's tests read it).
   * @ignore
   */
  _futWaiter: Future<unknown> | null = null;
  /** Throw CancelledError into the coroutine at its next step. */
  #mustCancel = false;
  #numCancelsRequested = 0;
  /** The done callback a task gives a Future subclass it waits on: step now. */
  #wakeUp = (): void => this._run();
  /** An error to throw into the coroutine at its next step. */
  #throwNext: unknown = NOTHING;

  /**
   * Prefer `loop.createTask(coro)`. The first step is scheduled with
   * `callSoon`: nothing runs until the loop turns.
   *
   * @param coro A generator object.
   * @param loop The loop; the running loop by default.
   * @param options `name`.
   */
  constructor(coro: Coroutine<T>, loop?: EventLoop, options: TaskOptions = {}) {
    if (!isCoroutine(coro)) {
      // asyncio's wording first, then the course's hint (call the function, wrap the promise)
      const got = notAwaitableMessage(coro).replace(/^expected .*?, got /, "");
      throw new TypeError(`a coroutine was expected, got ${got}`);
    }
    const target = loop ?? getRunningLoop();
    if (driven.has(coro)) {
      // asyncio: "coroutine is being awaited already". Only this case can be caught in
      // JavaScript: a generator cannot tell who calls its next(), so a `yield* coro` in a
      // second place goes unnoticed (and steals the task's steps): never do that.
      throw new RuntimeError(
        "coroutine is being awaited already: a task runs it; wait for the task, or call the " +
          "generator function again for a new coroutine",
      );
    }
    driven.add(coro);
    super(target);
    this.#coro = coro;
    this._id = ++taskCounter;
    this._name = options.name ?? `Task-${this._id}`;
    target._tasks.add(this);
    if (options.eagerStart && target.isRunning()) this._run();
    else target._scheduleRunnable(this);
  }

  /**
   * The task's name.
   *
   * @returns The name given at creation or by {@link setName}.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * console.log(loop.createTask(sleep(0), { name: "nap" }).getName()); // "nap"
   * ```
   */
  getName(): string {
    return this._name;
  }

  /**
   * Renames the task.
   *
   * @param name The new name.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const task = loop.createTask(sleep(0));
   * task.setName("renamed");
   * ```
   */
  setName(name: string): void {
    this._name = String(name);
  }

  /**
   * The coroutine this task drives.
   *
   * @returns The generator object.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const coro = sleep(0);
   * console.log(loop.createTask(coro).getCoro() === coro); // true
   * ```
   */
  getCoro(): Coroutine<T> {
    return this.#coro;
  }

  /**
   * Requests cancellation: CancelledError is thrown into the coroutine at its
   * current wait point, on a later turn. The coroutine may catch it.
   *
   * @param msg An optional message for the CancelledError.
   * @returns `false` if the task is already done, else `true`.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const task = loop.createTask(sleep(60));
   * loop.callLater(1, () => task.cancel());
   * await loop.runUntilComplete(task).catch(() => {});
   * console.log(task.cancelled(), loop.time()); // true 1
   * ```
   */
  override cancel(msg?: string): boolean {
    // done: false, and (as asyncio) a failed task's cancel() counts as looking at its error
    if (this.done()) return super.cancel(msg);
    this.#numCancelsRequested++;
    // Cancel what we wait for: the wakeup then throws CancelledError for us.
    if (this._futWaiter !== null && this._futWaiter.cancel(msg)) return true;
    this.#mustCancel = true;
    this._cancelMessage = msg;
    return true;
  }

  /**
   * How many cancellation requests are pending (asyncio 3.11).
   *
   * @returns The count of `cancel()` calls not undone by {@link uncancel}.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const task = loop.createTask(sleep(1));
   * task.cancel();
   * console.log(task.cancelling()); // 1
   * ```
   */
  cancelling(): number {
    return this.#numCancelsRequested;
  }

  /**
   * Takes back one cancellation request; at zero, a cancellation that has not
   * reached the coroutine yet is dropped.
   *
   * @returns The remaining count.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const task = loop.createTask(sleep(1));
   * task.cancel();
   * console.log(task.uncancel()); // 0
   * ```
   */
  uncancel(): number {
    if (this.#numCancelsRequested > 0) {
      this.#numCancelsRequested--;
      if (this.#numCancelsRequested === 0) this.#mustCancel = false;
    }
    return this.#numCancelsRequested;
  }

  /**
   * Not allowed: a task's result is what its coroutine returns.
   * @param _value Ignored.
   * @returns Never.
   * @throws {RuntimeError} Always.
   */
  override setResult(_value: T): void {
    throw new RuntimeError("a task does not support setResult(): its coroutine sets the result");
  }

  /**
   * Not allowed: a task's exception is what its coroutine throws.
   * @param _exception Ignored.
   * @returns Never.
   * @throws {RuntimeError} Always.
   */
  override setException(_exception: unknown): void {
    throw new RuntimeError(
      "a task does not support setException(): its coroutine sets the exception",
    );
  }

  /**
   * A short description for error messages.
   *
   * As asyncio's `repr(task)`: the state (`cancelling` while a cancellation is on its way),
   * the name, and what it waits for, e.g. `<Task pending name='brew' wait_for=<Future pending>>`.
   *
   * @returns E.g. `<Task finished name='brew' result=42>`.
   */
  override toString(): string {
    const [state, ...outcome] = super.toString().slice(1, -1).split(" ").slice(1);
    const shown = state === "pending" && this.#numCancelsRequested > 0 ? "cancelling" : state;
    const waitingFor = this._futWaiter === null ? "" : ` wait_for=${this._futWaiter}`;
    const rest = outcome.length === 0 ? "" : ` ${outcome.join(" ")}`;
    return `<Task ${shown} name='${this._name}'${rest}${waitingFor}>`;
  }

  /** @ignore */
  override _taskName(): string {
    return this._name;
  }

  /**
   * The ready queue calls this: run one step.
   * @ignore
   */
  _run(): void {
    // Done meanwhile: only by Future.prototype.setResult/setException called on the task.
    // asyncio's __step raises "already done"; the loop reports it as a failed callback.
    if (this.done()) throw new InvalidStateError(`step(): already done: ${this}`);
    const loop = this._loop;
    const tracer = loop._tracer;
    if (tracer !== null) tracer.stepStart(this);
    const outcome = this.#step(loop);
    if (tracer !== null) tracer.stepEnd(this, outcome);
  }

  /**
   * One step: resume the coroutine (or throw into it) until it yields, returns
   * or throws, and settle the task in the last two cases.
   *
   * @returns The step's outcome (SUSPENDED, DONE, FAILED, CANCELLED) for the trace.
   */
  #step(loop: EventLoop): number {
    let error = this.#throwNext;
    this.#throwNext = NOTHING;
    if (this.#mustCancel) {
      this.#mustCancel = false;
      error = this._makeCancelledError();
    }
    this._futWaiter = null;
    const previous = loop._currentTask; // an eager task's first step runs inside another task
    loop._currentTask = this as Task<unknown>;
    let step: IteratorResult<unknown, T>;
    try {
      step = error === NOTHING ? this.#coro.next() : this.#coro.throw(error);
    } catch (thrown) {
      loop._currentTask = previous;
      loop._tasks.delete(this as Task<unknown>);
      if (thrown instanceof CancelledError) {
        this._cancelledError = thrown; // keep the coroutine's own error and message
        super.cancel(thrown.message || undefined);
        return CANCELLED;
      }
      super.setException(thrown); // Future's own: Task's version refuses outsiders
      return FAILED;
    }
    loop._currentTask = previous;
    if (step.done) {
      loop._tasks.delete(this as Task<unknown>);
      if (this.#mustCancel) {
        // cancel() came after the coroutine's last wait: asyncio cancels anyway
        this.#mustCancel = false;
        super.cancel(this._cancelMessage);
        return CANCELLED;
      }
      super.setResult(step.value);
      return DONE;
    }
    this.#suspend(loop, step.value);
    return SUSPENDED;
  }

  /**
   * The coroutine yielded `awaited`: arrange to be resumed. A bare `yield`
   * comes back next turn, a future (`yield* future`) wakes the task when it is
   * done, and anything else is thrown back into the coroutine as an error.
   */
  #suspend(loop: EventLoop, awaited: unknown): void {
    if (awaited === undefined) {
      loop._scheduleRunnable(this); // a bare `yield`: sleep(0), back next turn
    } else if (awaited instanceof Future && awaited._blocking) {
      awaited._blocking = false;
      if (awaited._loop !== loop) {
        this.#throwNext = new RuntimeError(
          `Task ${this} got Future ${awaited} attached to a different loop`,
        );
        loop._scheduleRunnable(this);
      } else if (awaited === this) {
        this.#throwNext = new RuntimeError(`Task cannot await on itself: ${this}`);
        loop._scheduleRunnable(this);
      } else {
        this._futWaiter = awaited;
        if (awaited.done()) loop._scheduleRunnable(this);
        else {
          // A future's own list directly; a subclass that overrides addDoneCallback is asked
          // through it, as asyncio's Task always does (result.add_done_callback(self.__wakeup)).
          if (awaited.addDoneCallback === BASE_ADD_DONE_CALLBACK) awaited._addWaiter(this);
          else awaited.addDoneCallback(this.#wakeUp);
          loop._tracer?.taskWaits(this, awaited);
        }
        if (this.#mustCancel && awaited.cancel(this._cancelMessage)) this.#mustCancel = false;
      }
    } else {
      this.#throwNext = new RuntimeError(badYieldMessage(awaited));
      loop._scheduleRunnable(this);
    }
  }
}

function badYieldMessage(value: unknown): string {
  if (value instanceof Future) {
    return "a coroutine yielded a future with `yield`; wait for it with `yield*`";
  }
  if (isCoroutine(value)) {
    return "a coroutine yielded a coroutine with `yield`; run it with `yield*`";
  }
  if (value instanceof Promise) {
    return "a coroutine yielded a Promise; wait for it with `yield* Future.fromPromise(promise)`";
  }
  return `a coroutine yielded ${
    String(value)
  }; only \`yield* future\` and a bare \`yield\` are allowed`;
}
