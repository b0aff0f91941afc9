/**
 * The event loop, written from scratch to behave like Python's asyncio.
 *
 * Read it top to bottom. A loop owns two queues:
 *
 * - the **ready queue**: callbacks (and task steps) that can run now, first in
 *   first out;
 * - the **timer heap**: callbacks that must wait until a moment in loop time.
 *
 * One turn of the loop is {@link EventLoop.runOnce}: work out how long it may
 * wait, wait (or, on the virtual clock, jump time forward), move the timers
 * that are due to the ready queue, then run exactly the callbacks that were
 * ready at that point. Callbacks they schedule wait for the next turn, so no
 * callback can starve the others.
 *
 * JavaScript cannot block the thread the way asyncio's `select()` does, so
 * `runOnce` never waits itself: when nothing can run it returns how long it
 * wants to wait, and {@link EventLoop.runForever} awaits a promise for that
 * long. That idle wait is where native I/O (Deno's promises) gets to complete
 * and call {@link EventLoop.callSoonThreadsafe}.
 *
 * @module
 */
import { Deque } from "./deque.ts";
import { TimerHeap } from "./timer_heap.ts";
import { type Callback, Handle, type Runnable, TimerHandle } from "./handle.ts";
import { type Clock, type ClockKind, RealClock, VirtualClock } from "./clock.ts";
import {
  type QueueTraceEvent,
  type TraceEvent,
  type TraceOptions,
  TraceRecorder,
} from "./trace.ts";
import { RuntimeError } from "./errors.ts";
import { _peekRunningLoop, _setRunningLoop } from "./running.ts";
import {
  defaultExceptionHandler,
  type ExceptionContext,
  type ExceptionHandler,
} from "./exception_handler.ts";
import { Future } from "../coroutine/future.ts";
import { Task, type TaskOptions } from "../coroutine/task.ts";
import type { Awaitable, Coroutine } from "../coroutine/coroutine.ts";
import { ensureFuture } from "../coroutine/ensure_future.ts";
import { sweepUnretrieved } from "../coroutine/_unretrieved.ts";
import {
  type ConnectOptions,
  sockAccept,
  sockConnect,
  sockRecv,
  sockSendall,
} from "../socket/sock_ops.ts";
import type { Address, ListeningSocket, StreamSocket } from "../socket/types.ts";

/** Options for `new EventLoop(...)`. */
export interface EventLoopOptions {
  /** `"real"` (default) reads `performance.now()`; `"virtual"` jumps to the next timer. */
  clock?: ClockKind;
  /** Record every step for {@link EventLoop.trace} (default `false`). */
  trace?: boolean;
}

// A real-clock loop that never runs out of work still lets native I/O in:
// every this many iterations it checks whether this much time has passed.
const POLL_EVERY_ITERATIONS = 1024;
const POLL_AFTER_MS = 50;
// Cancelled timers stay in the heap until they reach its top; when they are
// this many and over half of it, the loop rebuilds the heap without them.
const MIN_CANCELLED_TIMERS_TO_CLEAN = 100;

/**
 * An asyncio-style event loop: a ready queue, a timer heap, a clock (real or
 * virtual), tasks driven by generator coroutines, and an optional trace.
 *
 * @example
 * ```ts
 * import { EventLoop, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual" });
 * loop.callSoon(() => console.log("first"));
 * loop.callLater(10, () => console.log("ten seconds later"));
 * await loop.runUntilComplete(sleep(3600));
 * console.log(loop.time()); // 3600, in microseconds of real time
 * loop.close();
 * ```
 */
export class EventLoop {
  /** Which clock this loop runs on. */
  readonly clock: ClockKind;
  // Fields that futures, tasks and handles of this library reach into are
  // public but hidden from the docs (`@ignore`); the rest are private.

  /**
   * The trace recorder, or `null` when tracing is off (one branch on the hot path).
   * @ignore
   */
  _tracer: TraceRecorder | null;
  /**
   * The task whose step is running, if any.
   * @ignore
   */
  _currentTask: Task<unknown> | null = null;
  /**
   * Tasks of this loop that are not done yet.
   * @ignore
   */
  _tasks: Set<Task<unknown>> = new Set();
  /**
   * Failed futures whose exception nobody has retrieved yet.
   * @ignore
   */
  _unretrieved: Set<WeakRef<Future<unknown>>> = new Set();

  /** Callbacks and task steps that can run now, first in first out. */
  private _ready: Deque<Runnable> = new Deque();
  /** Callbacks waiting for a deadline, earliest on top. */
  private _timers: TimerHeap = new TimerHeap();
  private _clock: Clock;
  private _virtual: VirtualClock | null;
  private _timerSeq = 0;
  private _cancelledTimers = 0;
  private _stopping = false;
  private _running = false;
  private _closed = false;
  private _holds = 0;
  private _wake: (() => void) | null = null;
  private _exceptionHandler: ExceptionHandler | null = null;

  /**
   * Creates a loop with an empty ready queue and timer heap; it runs nothing
   * until {@link runUntilComplete}, {@link runForever} or {@link runOnce}.
   *
   * @param options `clock` (`"real"` by default, or `"virtual"`) and `trace`.
   */
  constructor(options: EventLoopOptions = {}) {
    const origin = performance.now();
    const clock = options.clock ?? "real";
    if (clock !== "real" && clock !== "virtual") {
      throw new TypeError(`clock must be "real" or "virtual", not ${JSON.stringify(clock)}`);
    }
    this.clock = clock;
    this._virtual = clock === "virtual" ? new VirtualClock() : null;
    this._clock = this._virtual ?? new RealClock(origin);
    this._tracer = options.trace ? new TraceRecorder(origin, this._virtual) : null;
  }

  // ---------------------------------------------------------------- time

  /**
   * The loop's time in seconds, 0 when the loop was made. On the virtual clock
   * it moves only when the loop jumps to the next timer.
   *
   * @returns Loop time in seconds.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * console.log(new EventLoop({ clock: "virtual" }).time()); // 0
   * ```
   */
  time(): number {
    return this._clock.now();
  }

  // ---------------------------------------------------------- scheduling

  /**
   * Schedules `callback(...args)` to run on the next turn of the loop.
   * Callbacks run in the order they were scheduled.
   *
   * @param callback The function to call.
   * @param args Arguments to pass to it.
   * @returns A {@link Handle} that can cancel the call.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callSoon(console.log, "hello from the loop");
   * ```
   */
  // deno-lint-ignore no-explicit-any
  callSoon<A extends any[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    if (this._closed) throw closedError();
    const handle = new Handle(callback as Callback, args.length === 0 ? undefined : args, this);
    this._ready.push(handle);
    if (this._tracer !== null) this._tracer.readyScheduled(handle);
    return handle;
  }

  /**
   * Schedules a callback from outside the loop: from a native promise's
   * `then`, a timer of Deno's own, a Worker message. Like {@link callSoon},
   * and it also wakes the loop if it is idle-waiting, so the callback runs
   * now rather than at the next timer.
   *
   * On the virtual clock a loop with nothing left to do would report a
   * deadlock; take a {@link keepAlive} hold while native work is pending so
   * the loop waits for it instead (`Future.fromPromise` does this for you).
   *
   * @param callback The function to call on the loop.
   * @param args Arguments to pass to it.
   * @returns A {@link Handle} that can cancel the call.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop();
   * const release = loop.keepAlive();
   * setTimeout(() => {
   *   loop.callSoonThreadsafe(() => loop.stop());
   *   release();
   * }, 10);
   * await loop.runForever(); // stops when Deno's timer fires
   * ```
   */
  // deno-lint-ignore no-explicit-any
  callSoonThreadsafe<A extends any[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    const handle = this.callSoon(callback, ...args);
    this._wakeUp();
    return handle;
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now.
   *
   * @param delay Seconds from now (0 or more).
   * @param callback The function to call.
   * @param args Arguments to pass to it.
   * @returns A {@link TimerHandle} that can cancel the call.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callLater(1.5, () => console.log(loop.time())); // 1.5
   * ```
   */
  // deno-lint-ignore no-explicit-any
  callLater<A extends any[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (!Number.isFinite(delay)) throw new TypeError(`delay must be a finite number: ${delay}`);
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /**
   * Schedules `callback(...args)` to run at loop time `when`. Timers run in
   * deadline order; equal deadlines run in the order they were scheduled.
   *
   * @param when Loop time in seconds (see {@link time}).
   * @param callback The function to call.
   * @param args Arguments to pass to it.
   * @returns A {@link TimerHandle} that can cancel the call.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callAt(loop.time() + 2, () => console.log("at 2"));
   * ```
   */
  // deno-lint-ignore no-explicit-any
  callAt<A extends any[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (this._closed) throw closedError();
    if (!Number.isFinite(when)) throw new TypeError(`when must be a finite number: ${when}`);
    const timer = new TimerHandle(
      when,
      this._timerSeq++,
      callback as Callback,
      args.length === 0 ? undefined : args,
      this,
    );
    this._timers.push(timer);
    if (this._tracer !== null) this._tracer.timerScheduled(timer);
    return timer;
  }

  /**
   * Tells the loop that native work (a promise it does not own) will call
   * {@link callSoonThreadsafe} later, until the returned function is called.
   * A virtual-clock loop with holds neither reports a deadlock nor jumps time:
   * it waits for the outside work, which therefore takes no virtual time.
   *
   * @returns `release`: call it once the outside work has delivered its result.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const release = loop.keepAlive();
   * Promise.resolve(42).then((value) => {
   *   loop.callSoonThreadsafe(() => loop.stop());
   *   release();
   * });
   * await loop.runForever();
   * ```
   */
  keepAlive(): () => void {
    this._holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this._holds--;
      this._wakeUp(); // a virtual loop may now jump time, or see its deadlock
    };
  }

  // ------------------------------------------------- futures and tasks

  /**
   * Creates a pending {@link Future} attached to this loop.
   *
   * @returns A new future.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * const future = loop.createFuture<number>();
   * loop.callLater(1, () => future.setResult(42));
   * console.log(await loop.runUntilComplete(future)); // 42
   * ```
   */
  createFuture<T>(): Future<T> {
    return new Future<T>(this);
  }

  /**
   * Wraps a coroutine in a {@link Task} and schedules its first step with
   * `callSoon`.
   *
   * @param coro A generator object, e.g. `worker()`.
   * @param options `name` for traces and error messages.
   * @returns The task.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * function* worker() { yield* sleep(1); return "done"; }
   * const task = loop.createTask(worker(), { name: "worker" });
   * console.log(await loop.runUntilComplete(task)); // "done"
   * ```
   */
  createTask<T>(coro: Coroutine<T>, options?: TaskOptions): Task<T> {
    if (this._closed) throw closedError();
    return new Task<T>(coro, this, options);
  }

  // ------------------------------------------------------------ running

  /**
   * Runs the loop until `aw` is done and returns its result (or throws its
   * exception). A coroutine is wrapped in a task first.
   *
   * @param aw A future, task or coroutine.
   * @returns A promise of the result.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * console.log(await loop.runUntilComplete(sleep(5, "ok"))); // "ok"
   * ```
   */
  async runUntilComplete<T>(aw: Awaitable<T>): Promise<T> {
    this._checkCanRun();
    const isNewTask = !(aw instanceof Future);
    const future = ensureFuture(aw, this);
    future.addDoneCallback(stopLoopOf);
    try {
      await this.runForever();
    } catch (error) {
      // The loop failed (e.g. a deadlock): do not also report the task later.
      if (isNewTask && future.done() && !future.cancelled()) future.exception();
      throw error;
    } finally {
      future.removeDoneCallback(stopLoopOf);
    }
    if (!future.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return future.result();
  }

  /**
   * Runs the loop until {@link stop} is called.
   *
   * @returns A promise that settles when the loop stops.
   * @throws {RuntimeError} On a virtual-clock deadlock: nothing ready, no
   *   timers and no {@link keepAlive} holds, so nothing could ever happen.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callLater(3, () => loop.stop());
   * await loop.runForever();
   * console.log(loop.time()); // 3
   * ```
   */
  async runForever(): Promise<void> {
    this._checkCanRun();
    this._running = true;
    _setRunningLoop(this);
    try {
      let iterations = 0;
      let lastPollMs = performance.now();
      for (;;) {
        const wait = this.runOnce();
        if (this._stopping) break;
        if (wait > 0) {
          if (wait === Infinity && this._virtual !== null && this._holds === 0) {
            throw new RuntimeError(
              "deadlock: nothing is ready, no timer is set and no outside work is pending, " +
                "so nothing can ever happen (is a task waiting for a future nobody will resolve?)",
            );
          }
          await this._idleWait(wait);
          lastPollMs = performance.now();
        } else if (this._virtual === null && ++iterations === POLL_EVERY_ITERATIONS) {
          // A busy real-clock loop never idles; let Deno deliver I/O now and then.
          iterations = 0;
          if (performance.now() - lastPollMs >= POLL_AFTER_MS) {
            await this._pollOutside();
            lastPollMs = performance.now();
          }
        }
      }
    } finally {
      this._stopping = false;
      this._running = false;
      _setRunningLoop(null);
    }
  }

  /**
   * One turn of the loop, asyncio's `_run_once`:
   *
   * 1. work out the timeout: 0 if something is ready, else until the next timer;
   * 2. if it must wait: on the real clock, return the wait to the caller
   *    ({@link runForever} awaits it, which is when I/O completes); on the
   *    virtual clock, jump time to the next deadline instead;
   * 3. move every timer whose deadline has passed to the ready queue;
   * 4. run exactly the callbacks that are ready now, and no newer ones.
   *
   * @returns 0 after a turn that ran; otherwise the seconds to wait before
   *   anything can run (`Infinity`: only outside work can wake the loop).
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callSoon(() => loop.callSoon(() => console.log("second turn")));
   * loop.runOnce(); // runs the outer callback only
   * loop.runOnce(); // prints "second turn"
   * ```
   */
  runOnce(): number {
    const ready = this._ready;
    const timers = this._timers;
    this._dropCancelledTimers();

    // 1. Timeout: may the loop go on at once? Yes if something is ready, or if
    //    stop() was called: the last turn must not wait for the next timer.
    if (ready.length === 0 && !this._stopping) {
      if (timers.size === 0) return Infinity; // nothing scheduled at all
      const now = this.time();
      const next = timers.peek()!._when;
      if (next > now) {
        // 2. Idle wait (real clock) or time jump (virtual clock).
        if (this._virtual === null) return next - now;
        if (this._holds > 0) return Infinity; // bridged work first: it takes no virtual time
        this._virtual.advanceTo(next);
        if (this._tracer !== null) this._tracer.timeJump(next);
      }
    }

    // 3. Expired timers join the ready queue, earliest first.
    if (timers.size > 0) {
      const now = this.time();
      while (timers.size > 0 && timers.peek()!._when <= now) {
        const timer = timers.pop()!;
        timer._scheduled = false;
        if (timer._cancelled) {
          this._cancelledTimers--;
          continue;
        }
        ready.push(timer);
        if (this._tracer !== null) this._tracer.timerFired(timer);
      }
    }

    // 4. Run what is ready now; what they schedule waits for the next turn.
    if (this._running) this._runReady(ready.length);
    else this._runReadyByHand(ready.length);
    return 0;
  }

  /**
   * Step 4 of a turn that a learner called by hand, outside {@link runForever}:
   * the loop counts as running during the turn, so tasks find it with
   * `getRunningLoop()` (their `sleep`, `gather`, ... need it).
   * @param count How many ready callbacks to run.
   * @returns Nothing.
   * @ignore
   */
  private _runReadyByHand(count: number): void {
    this._checkCanRun();
    _setRunningLoop(this);
    try {
      this._runReady(count);
    } finally {
      _setRunningLoop(null);
    }
  }

  /**
   * Asks the loop to stop: {@link runForever} returns after the current turn.
   *
   * @returns Nothing.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callSoon(() => loop.stop());
   * await loop.runForever();
   * ```
   */
  stop(): void {
    this._stopping = true;
  }

  /**
   * Closes the loop: drops pending callbacks and timers and reports failed
   * futures whose exception nobody retrieved. A closed loop cannot run again.
   *
   * @returns Nothing.
   * @throws {RuntimeError} If the loop is running.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.close();
   * console.log(loop.isClosed()); // true
   * ```
   */
  close(): void {
    if (this._running) throw new RuntimeError("Cannot close a running event loop");
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    for (const timer of this._timers.clear()) timer._scheduled = false;
    this._cancelledTimers = 0;
    sweepUnretrieved(this);
  }

  /**
   * Whether the loop is running (inside {@link runForever}).
   *
   * @returns `true` while running.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * console.log(new EventLoop().isRunning()); // false
   * ```
   */
  isRunning(): boolean {
    return this._running;
  }

  /**
   * Whether {@link close} was called.
   *
   * @returns `true` once closed.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * console.log(new EventLoop().isClosed()); // false
   * ```
   */
  isClosed(): boolean {
    return this._closed;
  }

  // ------------------------------------------------------------ sockets
  // asyncio's loop.sock_* methods. The bodies live in lib/socket/sock_ops.ts,
  // next to the sockets they wait for; the loop only names them.

  /**
   * Receives up to `n` bytes from `sock`, waiting until some arrive (asyncio's `sock_recv`).
   *
   * @param sock A connected socket (real or simulated).
   * @param n The most bytes to return.
   * @returns A coroutine of the bytes; empty means the peer closed its side.
   * @example
   * ```ts
   * // const data = yield* loop.sockRecv(conn, 1024);
   * ```
   */
  sockRecv(sock: StreamSocket, n: number): Coroutine<Uint8Array> {
    return sockRecv(this, sock, n);
  }

  /**
   * Sends all of `data` on `sock`, waiting while its send buffer is full (asyncio's `sock_sendall`).
   *
   * @param sock A connected socket.
   * @param data The bytes.
   * @returns A coroutine that finishes when every byte is accepted.
   * @example
   * ```ts
   * // yield* loop.sockSendall(conn, new TextEncoder().encode("hello\n"));
   * ```
   */
  sockSendall(sock: StreamSocket, data: Uint8Array): Coroutine<void> {
    return sockSendall(this, sock, data);
  }

  /**
   * Accepts the next connection on `listener`, waiting until one comes (asyncio's `sock_accept`).
   *
   * @param listener A listening socket.
   * @returns A coroutine of `[socket, peer address]`.
   * @example
   * ```ts
   * // const [conn, address] = yield* loop.sockAccept(listener);
   * ```
   */
  sockAccept(listener: ListeningSocket): Coroutine<[StreamSocket, Address]> {
    return sockAccept(this, listener);
  }

  /**
   * Connects to `host:port` (real TCP, or `options.network`) and waits until connected.
   *
   * @param host The host.
   * @param port The port.
   * @param options `network`: a `SimNetwork` instead of real TCP.
   * @returns A coroutine of the connected socket.
   * @example
   * ```ts
   * // const sock = yield* loop.sockConnect("127.0.0.1", 8888);
   * ```
   */
  sockConnect(host: string, port: number, options?: ConnectOptions): Coroutine<StreamSocket> {
    return sockConnect(this, host, port, options);
  }

  // ------------------------------------------------------------- errors

  /**
   * Sets the function called with errors nobody caught (`null`: the default).
   *
   * @param handler `(loop, context) => void`, or `null`.
   * @returns Nothing.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.setExceptionHandler((_loop, context) => console.log("caught:", context.message));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError("the exception handler must be a function or null");
    }
    this._exceptionHandler = handler;
  }

  /**
   * The custom exception handler, or `null` when the default one is used.
   *
   * @returns The handler set with {@link setExceptionHandler}.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * console.log(new EventLoop().getExceptionHandler()); // null
   * ```
   */
  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /**
   * The default handler: logs the message, the task name and the error's
   * stack with `console.error`.
   *
   * @param context What went wrong.
   * @returns Nothing.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * new EventLoop().defaultExceptionHandler({ message: "just testing" });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    defaultExceptionHandler(context);
  }

  /**
   * Reports an error to the exception handler; an error thrown by the handler
   * itself is logged by the default handler and never escapes.
   *
   * @param context What went wrong: at least a `message`.
   * @returns Nothing.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop();
   * loop.setExceptionHandler((_loop, context) => console.log(context.message));
   * loop.callExceptionHandler({ message: "something happened" });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this._exceptionHandler;
    try {
      if (handler === null) defaultExceptionHandler(context);
      else handler(this, context);
    } catch (error) {
      try {
        defaultExceptionHandler({
          message: "Unhandled error in exception handler",
          exception: error,
          context,
        });
      } catch {
        // Nothing sensible left to do: never let reporting break the loop.
      }
    }
  }

  // -------------------------------------------------------------- trace

  /**
   * The recorded steps (with `trace: true`), oldest first, as plain objects
   * (see `TraceEvent` in trace.ts); `[]` when tracing is off. With
   * `{ queues: true }` it also returns the `QueueEvent`s (what joined the ready
   * queue, cancelled timers, what each task waits for, watched sockets), from
   * which `loopPlayer` works out the queues after every step.
   *
   * @param options `queues: true` for the queue events too.
   * @returns The trace events.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual", trace: true });
   * loop.callSoon(function hello() {});
   * loop.runOnce();
   * console.log(loop.trace()[0]); // { kind: "callback", loopTime: 0, realTime: ..., name: "hello" }
   * ```
   */
  trace(): TraceEvent[];
  trace(options: TraceOptions): QueueTraceEvent[];
  trace(options: TraceOptions = {}): QueueTraceEvent[] {
    return this._tracer === null ? [] : this._tracer.events(options);
  }

  /**
   * Forgets the recorded trace (tracing stays on).
   *
   * @returns Nothing.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * new EventLoop({ trace: true }).clearTrace();
   * ```
   */
  clearTrace(): void {
    this._tracer?.clear();
  }

  // ----------------------------------------------------------- internals

  /**
   * Queues a task step; tasks call this instead of allocating a Handle.
   * @ignore
   */
  _scheduleRunnable(runnable: Runnable): void {
    if (this._closed) throw closedError();
    this._ready.push(runnable);
    if (this._tracer !== null) this._tracer.readyScheduled(runnable as Task<unknown>);
  }

  /**
   * A scheduled timer was cancelled: counted, so that {@link runOnce} knows when to sweep.
   * @ignore
   */
  _timerCancelled(): void {
    this._cancelledTimers++;
  }

  /**
   * Runs `count` ready callbacks (step 4 of {@link runOnce}). One `try` around
   * the whole batch, not one per callback: when a callback throws, report it
   * and resume with the next one.
   */
  private _runReady(count: number): void {
    const ready = this._ready;
    let runnable: Runnable | undefined;
    while (count > 0) {
      try {
        while (count > 0) {
          count--;
          runnable = ready.shift()!;
          runnable._run();
        }
      } catch (error) {
        this.callExceptionHandler({
          message: `Exception in callback ${runnable}`,
          exception: error,
          handle: runnable instanceof Handle ? runnable : undefined,
        });
      }
    }
  }

  /**
   * Cancelled timers stay in the heap (cancelling is O(1)). Before each turn,
   * pop those on top; when they are many and over half the heap, rebuild it
   * without them instead.
   */
  private _dropCancelledTimers(): void {
    const timers = this._timers;
    if (this._cancelledTimers === 0) return;
    if (
      this._cancelledTimers > MIN_CANCELLED_TIMERS_TO_CLEAN &&
      this._cancelledTimers * 2 > timers.size
    ) {
      timers.filter((timer) => {
        if (!timer._cancelled) return true;
        timer._scheduled = false;
        return false;
      });
      this._cancelledTimers = 0;
      return;
    }
    while (timers.size > 0 && timers.peek()!._cancelled) {
      timers.pop()!._scheduled = false;
      this._cancelledTimers--;
    }
  }

  /**
   * Waits until the next timer is due or {@link callSoonThreadsafe} (or a
   * released {@link keepAlive} hold) wakes the loop: the place where Deno's
   * own I/O gets to complete.
   */
  private _idleWait(seconds: number): Promise<void> {
    if (this._tracer !== null) this._tracer.ioWaitStart(seconds);
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wake = () => {
        this._wake = null;
        if (timer !== undefined) clearTimeout(timer);
        if (this._tracer !== null) this._tracer.ioWaitEnd();
        resolve();
      };
      this._wake = wake;
      // Whole milliseconds, rounded up, so the timer is due when we wake.
      if (seconds !== Infinity) timer = setTimeout(wake, Math.ceil(seconds * 1000));
    });
  }

  /**
   * Lets Deno run its pending macrotasks (timers, I/O completions) once.
   * setTimeout(0) costs up to 4 ms when nested, which is why the loop only
   * polls after POLL_AFTER_MS of busy running (a message channel is cheaper
   * but lets Deno's own timers wait).
   */
  private _pollOutside(): Promise<void> {
    if (this._tracer !== null) this._tracer.ioWaitStart(0);
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        if (this._tracer !== null) this._tracer.ioWaitEnd();
        resolve();
      }, 0);
    });
  }

  /** Ends an idle wait early, if the loop is in one. */
  private _wakeUp(): void {
    const wake = this._wake;
    if (wake !== null) wake();
  }

  /** Throws unless this loop may start running: open, idle, and no other loop running. */
  private _checkCanRun(): void {
    if (this._closed) throw closedError();
    if (this._running) throw new RuntimeError("This event loop is already running");
    if (_peekRunningLoop() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }
}

function closedError(): RuntimeError {
  return new RuntimeError("Event loop is closed");
}

// runUntilComplete's done callback: a plain function, so it can be removed.
function stopLoopOf(future: Future<unknown>): void {
  future.getLoop().stop();
}
