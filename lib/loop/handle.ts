/**
 * What `callSoon`, `callLater` and `callAt` return: a scheduled callback that
 * can still be cancelled.
 *
 * @module
 */
import type { EventLoop } from "./event_loop.ts";

/** A function the loop can call later with the arguments it was given. */
// deno-lint-ignore no-explicit-any
export type Callback = (...args: any[]) => unknown;

/**
 * Something the ready queue can run: a {@link Handle}, or a task's next step.
 * @ignore
 */
export interface Runnable {
  /** Runs it once; called by the loop only. */
  _run(): void;
}

/**
 * A callback with its arguments, waiting in the loop's ready queue.
 *
 * @example
 * ```ts
 * import { EventLoop } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const handle = loop.callSoon(() => console.log("never printed"));
 * handle.cancel();
 * console.log(handle.cancelled()); // true
 * ```
 */
export class Handle implements Runnable {
  /** @ignore */
  _callback: Callback | null;
  #args: unknown[] | undefined;
  /** @ignore */
  _loop: EventLoop;
  /** @ignore */
  _cancelled = false;

  /**
   * Wraps a callback; the loop makes handles (`callSoon`), learners do not.
   *
   * @param callback The function to call.
   * @param args Its arguments, or `undefined` for none (saves an array).
   * @param loop The loop that will call it.
   */
  constructor(callback: Callback, args: unknown[] | undefined, loop: EventLoop) {
    this._callback = callback;
    this.#args = args;
    this._loop = loop;
  }

  /**
   * Cancels the callback: it will not run. Cancelling twice does nothing.
   *
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callSoon(() => console.log("skipped")).cancel();
   * ```
   */
  cancel(): void {
    if (this._cancelled) return;
    this._cancelled = true;
    // Drop the references so a cancelled handle keeps nothing alive.
    this._callback = null;
    this.#args = undefined;
  }

  /**
   * Whether {@link Handle.cancel} was called.
   *
   * @returns `true` once cancelled.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * console.log(loop.callSoon(() => {}).cancelled()); // false
   * ```
   */
  cancelled(): boolean {
    return this._cancelled;
  }

  /**
   * Calls the callback unless cancelled.
   * @ignore
   */
  _run(): void {
    const callback = this._callback;
    const tracer = this._loop._tracer;
    if (callback === null) { // cancelled
      if (tracer !== null) tracer.skipped();
      return;
    }
    if (tracer !== null) tracer.callback(callback);
    const args = this.#args;
    if (args === undefined) callback();
    else callback(...args);
  }

  /**
   * A short description for error messages.
   *
   * @returns E.g. `<Handle tick()>`, or `<Handle cancelled()>`.
   */
  toString(): string {
    const name = this._callback?.name || "anonymous";
    return `<Handle ${this._cancelled ? "cancelled" : name}()>`;
  }
}

/**
 * A callback scheduled for a moment in loop time (`callLater`, `callAt`).
 *
 * @example
 * ```ts
 * import { EventLoop } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * const timer = loop.callLater(5, () => {});
 * console.log(timer.when()); // 5
 * ```
 */
export class TimerHandle extends Handle {
  /** @ignore */
  _when: number;
  /**
   * Scheduling order, to break ties between equal deadlines.
   * @ignore
   */
  _seq: number;
  /**
   * Still in the loop's timer heap.
   * @ignore
   */
  _scheduled = true;

  /**
   * Wraps a callback with its deadline; the loop makes these (`callLater`, `callAt`).
   *
   * @param when Deadline in loop seconds.
   * @param seq Scheduling order number.
   * @param callback The function to call.
   * @param args Its arguments, or `undefined`.
   * @param loop The loop that will call it.
   */
  constructor(
    when: number,
    seq: number,
    callback: Callback,
    args: unknown[] | undefined,
    loop: EventLoop,
  ) {
    super(callback, args, loop);
    this._when = when;
    this._seq = seq;
  }

  /**
   * The deadline, in loop seconds (the same scale as `loop.time()`).
   *
   * @returns Loop time at which the callback becomes ready.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * console.log(loop.callAt(7, () => {}).when()); // 7
   * ```
   */
  when(): number {
    return this._when;
  }

  /**
   * Cancels the timer; the loop drops it from its heap lazily.
   *
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callLater(1, () => {}).cancel();
   * ```
   */
  override cancel(): void {
    if (this._cancelled) return;
    const callback = this._callback;
    if (this._scheduled) this._loop._timerCancelled();
    super.cancel();
    if (this._scheduled) this._loop._tracer?.timerCancelled(this._when, callback);
  }

  /**
   * A short description for error messages.
   *
   * @returns E.g. `<TimerHandle when=5 <Handle tick()>>`.
   */
  override toString(): string {
    return `<TimerHandle when=${this._when} ${super.toString()}>`;
  }
}
