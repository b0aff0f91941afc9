/**
 * A Future: a result that is not there yet. Something sets it later
 * (`setResult`, `setException` or `cancel`); whoever waits for it, a task with
 * `yield* future` or a done callback, is told on a later turn of the loop.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Runnable } from "../loop/handle.ts";
import { getRunningLoop } from "../loop/running.ts";
import { CancelledError, InvalidStateError } from "./errors.ts";
import { markRetrieved, trackUnretrieved } from "./_unretrieved.ts";

// A future's states, asyncio's PENDING / FINISHED / CANCELLED, with FINISHED split in two so
// that result() knows whether to return or throw without a second field.
const PENDING = 0, FINISHED = 1, FAILED = 2, CANCELLED = 3;
const STATE_NAMES = ["pending", "finished", "finished", "cancelled"];

/** A done callback: called, on a later turn, with the future once it is done. */
// deno-lint-ignore no-explicit-any
export type DoneCallback<T> = (future: Future<T>) => any;

/**
 * A placeholder for a result that will be set later, bound to one loop.
 *
 * @typeParam T The result's type.
 * @example
 * ```ts
 * import { EventLoop, type Future } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const future = loop.createFuture<string>();
 * loop.callLater(2, () => future.setResult("ready"));
 * function* waiter(f: Future<string>) {
 *   const value = yield* f; // asyncio: value = await f
 *   return value.toUpperCase();
 * }
 * console.log(await loop.runUntilComplete(waiter(future))); // "READY"
 * ```
 */
export class Future<T = unknown> {
  /** @ignore */
  _loop: EventLoop;
  #state = PENDING;
  #result: T | undefined = undefined;
  /** @ignore */
  _exception: unknown = undefined;
  /**
   * Whom to tell when done, in the order they asked: done callbacks, and tasks waiting with
   * `yield*` (a task is queued to run its next step rather than called).
   */
  // deno-lint-ignore no-explicit-any
  #callbacks: (((future: any) => unknown) | Runnable)[] | null = null;
  /** @ignore */
  _cancelMessage: string | undefined = undefined;
  /**
   * The CancelledError to raise, kept so its message and cause survive.
   * @ignore
   */
  _cancelledError: CancelledError | null = null;
  /**
   * Set by `yield*` just before it hands the future to the task.
   * @ignore
   */
  _blocking = false;
  /**
   * Non-null while a failure is unretrieved.
   * @ignore
   */
  _unretrievedRef: WeakRef<Future<unknown>> | null = null;

  /**
   * Prefer `loop.createFuture()`.
   * @param loop The loop to attach to; the running loop by default.
   */
  constructor(loop?: EventLoop) {
    this._loop = loop ?? getRunningLoop();
  }

  /**
   * A future that settles when `promise` does: the bridge from native
   * JavaScript to the loop. The result arrives through
   * `loop.callSoonThreadsafe`, and the loop is kept alive (`keepAlive`) until
   * then. Cancelling the future does not cancel the promise.
   *
   * @param promise A native promise (or any thenable).
   * @param loop The loop; the running loop by default.
   * @returns A future with the promise's value or rejection.
   * @example
   * ```ts
   * import { EventLoop, Future } from "@course/lib";
   * const loop = new EventLoop();
   * const text = Future.fromPromise(Promise.resolve("from a promise"), loop);
   * console.log(await loop.runUntilComplete(text)); // "from a promise"
   * ```
   */
  static fromPromise<T>(promise: PromiseLike<T>, loop?: EventLoop): Future<T> {
    const target = loop ?? getRunningLoop();
    const future = new Future<T>(target);
    const release = target.keepAlive();
    promise.then(
      (value) => {
        if (!target.isClosed()) target.callSoonThreadsafe(settleWithResult, future, value);
        release();
      },
      (error) => {
        if (!target.isClosed()) target.callSoonThreadsafe(settleWithException, future, error);
        release();
      },
    );
    return future;
  }

  /**
   * A native promise that settles when this future is done: the bridge from
   * the loop to `async` code. A cancelled future rejects with CancelledError.
   * The promise settles while the loop runs, so await it from outside.
   *
   * @returns A promise of the result.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const future = loop.createFuture<number>();
   * loop.callLater(1, () => future.setResult(7));
   * const promise = future.toPromise();
   * await loop.runUntilComplete(future);
   * console.log(await promise); // 7
   * ```
   */
  toPromise(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.addDoneCallback((future) => {
        try {
          resolve(future.result());
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /**
   * Whether the future has a result, an exception, or was cancelled.
   *
   * @returns `true` once done.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * console.log(new EventLoop().createFuture().done()); // false
   * ```
   */
  done(): boolean {
    return this.#state !== PENDING;
  }

  /**
   * Whether the future was cancelled.
   *
   * @returns `true` once cancelled.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture();
   * future.cancel();
   * console.log(future.cancelled()); // true
   * ```
   */
  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /**
   * The result: returns it, or throws the exception, or throws CancelledError.
   *
   * @returns The result.
   * @throws {InvalidStateError} If the future is not done yet.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture<number>();
   * future.setResult(1);
   * console.log(future.result()); // 1
   * ```
   */
  result(): T {
    const state = this.#state;
    if (state === FINISHED) return this.#result as T;
    if (state === CANCELLED) throw this._makeCancelledError();
    if (state === PENDING) {
      throw new InvalidStateError("the result is not ready yet: wait for the future first");
    }
    markRetrieved(this);
    throw this._exception;
  }

  /**
   * The exception, or `null` if the future has a result.
   *
   * @returns The exception set with {@link setException}, or `null`.
   * @throws {InvalidStateError} If not done; CancelledError if cancelled.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture();
   * future.setException(new Error("boom"));
   * console.log((future.exception() as Error).message); // "boom"
   * ```
   */
  exception(): unknown {
    const state = this.#state;
    if (state === CANCELLED) throw this._makeCancelledError();
    if (state === PENDING) {
      throw new InvalidStateError("the exception is not set yet: wait for the future first");
    }
    if (state === FINISHED) return null;
    markRetrieved(this);
    return this._exception;
  }

  /**
   * Marks the future done with `value` and schedules its done callbacks.
   *
   * @param value The result.
   * @throws {InvalidStateError} If the future is already done.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture<string>();
   * future.setResult("ok");
   * ```
   */
  setResult(value: T): void {
    this.#checkPending();
    this.#result = value;
    this.#state = FINISHED;
    this.#scheduleCallbacks();
  }

  /**
   * Marks the future done with an exception and schedules its done callbacks.
   * If nobody ever retrieves the exception, the loop's exception handler hears
   * of it when the future is garbage collected or the loop closes.
   *
   * @param exception The error.
   * @throws {InvalidStateError} If the future is already done.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture();
   * future.setException(new Error("boom"));
   * ```
   */
  setException(exception: unknown): void {
    this.#checkPending();
    // asyncio accepts an exception class and raises an instance of it
    if (isErrorClass(exception)) exception = new exception();
    this._exception = exception;
    this.#state = FAILED;
    trackUnretrieved(this, exception);
    this.#scheduleCallbacks();
  }

  /**
   * Cancels the future if it is not done yet, and schedules its callbacks.
   * On a future that failed it does nothing but count as looking at the
   * exception, as in asyncio: no "exception was never retrieved" report.
   *
   * @param msg An optional message, carried by the CancelledError.
   * @returns `true` if it was cancelled now, `false` if it was already done.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture();
   * console.log(future.cancel("no longer needed"), future.cancel()); // true false
   * ```
   */
  cancel(msg?: string): boolean {
    if (this.#state === FAILED) markRetrieved(this); // asyncio: cancel() clears __log_traceback
    if (this.#state !== PENDING) return false;
    this.#state = CANCELLED;
    this._cancelMessage = msg;
    this.#scheduleCallbacks();
    return true;
  }

  /**
   * Adds a callback to call with the future once it is done. It is always
   * scheduled with `callSoon`, never called at once, even if the future is
   * already done.
   *
   * @param callback Called as `callback(future)`.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const future = loop.createFuture<number>();
   * future.addDoneCallback((f) => console.log("got", f.result()));
   * future.setResult(3);
   * await loop.runUntilComplete(future); // prints "got 3"
   * ```
   */
  addDoneCallback(callback: DoneCallback<T>): void {
    if (this.#state !== PENDING) {
      this._loop.callSoon(callback, this);
    } else if (this.#callbacks === null) {
      this.#callbacks = [callback];
    } else {
      this.#callbacks.push(callback);
    }
  }

  /**
   * Removes every registration of `callback`.
   *
   * @param callback A callback given to {@link addDoneCallback}.
   * @returns How many were removed.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const future = new EventLoop().createFuture();
   * const cb = () => {};
   * future.addDoneCallback(cb);
   * console.log(future.removeDoneCallback(cb)); // 1
   * ```
   */
  removeDoneCallback(callback: DoneCallback<T>): number {
    const callbacks = this.#callbacks;
    if (callbacks === null) return 0;
    const kept = callbacks.filter((cb) => cb !== callback);
    const removed = callbacks.length - kept.length;
    this.#callbacks = kept.length === 0 ? null : kept;
    return removed;
  }

  /**
   * The loop this future belongs to.
   *
   * @returns Its event loop.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop();
   * console.log(loop.createFuture().getLoop() === loop); // true
   * ```
   */
  getLoop(): EventLoop {
    return this._loop;
  }

  /**
   * Makes `yield* future` wait for the future inside a coroutine and evaluate
   * to its result (or throw its exception): the spelling of `await future`.
   *
   * asyncio's `Future.__await__`, line for line: a pending future hands itself
   * to the task driving the coroutine, which resumes it once the future is done.
   *
   * @returns A generator that yields the future once if it is pending.
   * @example
   * ```ts
   * import { EventLoop, type Future } from "@course/lib";
   * function* double(f: Future<number>) {
   *   return 2 * (yield* f);
   * }
   * const loop = new EventLoop({ clock: "virtual" });
   * const f = loop.createFuture<number>();
   * f.setResult(21);
   * console.log(await loop.runUntilComplete(double(f))); // 42
   * ```
   */
  *[Symbol.iterator](): Generator<Future<T>, T, unknown> {
    if (!this.done()) {
      this._blocking = true; // tells the task this came from `yield*`, not a bare `yield`
      yield this; // the task suspends here until the future is done
    }
    return this.result();
  }

  /**
   * A short description as asyncio's `repr`: `<Future pending>`, `<Future cancelled>`,
   * `<Future finished result=4>`, `<Future finished exception=RangeError("boom")>`.
   */
  toString(): string {
    const state = this.#state;
    const outcome = state === FINISHED
      ? ` result=${describeValue(this.#result)}`
      : state === FAILED
      ? ` exception=${describeException(this._exception)}`
      : "";
    return `<${this.constructor.name} ${STATE_NAMES[state]}${outcome}>`;
  }

  /**
   * The CancelledError to throw for a cancelled future.
   * @ignore
   */
  _makeCancelledError(): CancelledError {
    if (this._cancelledError === null) {
      this._cancelledError = new CancelledError(this._cancelMessage);
    }
    return this._cancelledError;
  }

  /**
   * Registers a waiting task: on completion it is queued directly.
   * @ignore
   */
  _addWaiter(task: Runnable): void {
    if (this.#callbacks === null) this.#callbacks = [task];
    else this.#callbacks.push(task);
  }

  /**
   * Done with an exception (not a result, not cancelled).
   * @ignore
   */
  _hasException(): boolean {
    return this.#state === FAILED;
  }

  /**
   * A task's name, for reports; futures have none.
   * @ignore
   */
  _taskName(): string | undefined {
    return undefined;
  }

  #checkPending(): void {
    if (this.#state !== PENDING) {
      throw new InvalidStateError(
        `invalid state: the future is already ${STATE_NAMES[this.#state]}`,
      );
    }
  }

  /** Schedules every done callback (never calls them now). */
  #scheduleCallbacks(): void {
    const callbacks = this.#callbacks;
    if (callbacks === null) return;
    this.#callbacks = null;
    const loop = this._loop;
    for (let i = 0; i < callbacks.length; i++) {
      const callback = callbacks[i];
      if (typeof callback === "function") loop.callSoon(callback, this);
      else loop._scheduleRunnable(callback);
    }
  }
}

function isErrorClass(value: unknown): value is new () => Error {
  return typeof value === "function" && (value === Error || value.prototype instanceof Error);
}

/** A value as a reader would type it, shortened: `4`, `"ok"`, `[1,2]`. */
function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" || Array.isArray(value)
      ? JSON.stringify(value)
      : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An exception as its constructor call: `RangeError("boom")`, `TypeError()`. */
function describeException(exception: unknown): string {
  if (!(exception instanceof Error)) return describeValue(exception);
  const message = exception.message === "" ? "" : describeValue(exception.message);
  return `${exception.constructor.name}(${message})`;
}

function settleWithResult<T>(future: Future<T>, value: T): void {
  if (!future.done()) future.setResult(value);
}

function settleWithException(future: Future<unknown>, error: unknown): void {
  if (!future.done()) future.setException(error);
}
