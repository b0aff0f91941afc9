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
 * This file sits on top of the others: futures and tasks (lib/coroutine) need
 * only `running.ts`, `handle.ts` and `errors.ts`, as asyncio's `futures.py`
 * needs only `events.py`. The socket methods at the end (`sockRecv`, ...) only
 * name functions of lib/socket/sock_ops.ts, as asyncio's loop names `sock_recv`.
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

/** What `loop.setTaskFactory` takes: builds the task for `loop.createTask(coro, options)`. */
export type TaskFactory = <T>(
  loop: EventLoop,
  coro: Coroutine<T>,
  options?: TaskOptions,
) => Task<T>;

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
 * await loop.runUntilComplete(sleep(3600)); // an hour of virtual time, over in a moment
 * console.log(loop.time()); // 3600
 * loop.close();
 * ```
 */
export class EventLoop {
  /** Which clock this loop runs on. */
  readonly clock: ClockKind;

  /** Callbacks and task steps that can run now, first in first out. */
  #ready: Deque<Runnable> = new Deque();
  /** Callbacks waiting for a deadline, earliest on top. */
  #timers: TimerHeap = new TimerHeap();
  #clock: Clock;
  #virtual: VirtualClock | null;
  #timerSeq = 0;
  #cancelledTimers = 0;
  #stopping = false;
  #running = false;
  #closed = false;
  /** {@link keepAlive} holds not yet released: outside work that will call back. */
  #holds = 0;
  /** Ends the current idle wait early, while there is one. */
  #wake: (() => void) | null = null;
  #exceptionHandler: ExceptionHandler | null = null;
  #taskFactory: TaskFactory | null = null;

  // Futures, tasks and handles of this library reach into these: public, hidden from the docs.
  /** @ignore */
  _tracer: TraceRecorder | null;
  /** @ignore */
  _currentTask: Task<unknown> | null = null;
  /** @ignore */
  _tasks: Set<Task<unknown>> = new Set();
  /** @ignore */
  _unretrieved: Set<WeakRef<Future<unknown>>> = new Set();

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
    this.#virtual = clock === "virtual" ? new VirtualClock() : null;
    this.#clock = this.#virtual ?? new RealClock(origin);
    this._tracer = options.trace ? new TraceRecorder(origin, this.#virtual) : null;
  }

  // ------------------------------------------------------------ running

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
    const ready = this.#ready;
    const timers = this.#timers;
    this.#dropCancelledTimers();

    // 1. Timeout: may the loop go on at once? Yes if something is ready, or if
    //    stop() was called: the last turn must not wait for the next timer.
    if (ready.length === 0 && !this.#stopping) {
      if (timers.size === 0) return Infinity; // nothing scheduled at all
      const now = this.time();
      const next = timers.peek()!._when;
      if (next > now) {
        // 2. Idle wait (real clock) or time jump (virtual clock).
        if (this.#virtual === null) return next - now;
        if (this.#holds > 0) return Infinity; // bridged work first: it takes no virtual time
        this.#virtual.advanceTo(next);
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
          this.#cancelledTimers--;
          continue;
        }
        ready.push(timer);
        if (this._tracer !== null) this._tracer.timerFired(timer);
      }
    }

    // 4. Run what is ready now; what they schedule waits for the next turn.
    //    A turn called by hand, outside runForever, counts as running, so that
    //    tasks find the loop with getRunningLoop() (sleep, gather... need it).
    const byHand = !this.#running;
    if (byHand) {
      this.#checkCanRun();
      _setRunningLoop(this);
    }
    try {
      this.#runReady(ready.length);
    } finally {
      if (byHand) _setRunningLoop(null);
    }
    return 0;
  }

  /**
   * Runs `count` ready callbacks: the only place where callbacks are called.
   * One that throws is reported to the exception handler, and the rest still run.
   */
  #runReady(count: number): void {
    const ready = this.#ready;
    for (let i = 0; i < count; i++) {
      const runnable = ready.shift()!;
      try {
        runnable._run();
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
   * Runs the loop until {@link stop} is called: {@link runOnce} again and
   * again, awaiting the wait it returns.
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
    this.#checkCanRun();
    this.#running = true;
    _setRunningLoop(this);
    try {
      let iterations = 0;
      let lastPollMs = performance.now();
      for (;;) {
        const wait = this.runOnce();
        if (this.#stopping) break;
        if (wait > 0) {
          if (wait === Infinity && this.#virtual !== null && this.#holds === 0) {
            throw new RuntimeError(
              "deadlock: nothing is ready, no timer is set and no outside work is pending, " +
                "so nothing can ever happen (is a task waiting for a future nobody will resolve?)",
            );
          }
          await this.#idleWait(wait);
          lastPollMs = performance.now();
        } else if (this.#virtual === null && ++iterations === POLL_EVERY_ITERATIONS) {
          // A busy real-clock loop never idles; let Deno deliver I/O now and then.
          iterations = 0;
          if (performance.now() - lastPollMs >= POLL_AFTER_MS) {
            await this.#pollOutside();
            lastPollMs = performance.now();
          }
        }
      }
    } finally {
      this.#stopping = false;
      this.#running = false;
      _setRunningLoop(null);
    }
  }

  /**
   * Runs the loop until `awaitable` is done and returns its result (or throws
   * its exception). A coroutine is wrapped in a task first.
   *
   * @param awaitable A future, task or coroutine.
   * @returns A promise of the result.
   * @example
   * ```ts
   * import { EventLoop, sleep } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * console.log(await loop.runUntilComplete(sleep(5, "ok"))); // "ok"
   * ```
   */
  async runUntilComplete<T>(awaitable: Awaitable<T>): Promise<T> {
    this.#checkCanRun();
    const isNewTask = !(awaitable instanceof Future);
    const future = ensureFuture(awaitable, this);
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
    if (!future.done()) {
      throw new RuntimeError("the event loop stopped before the future completed");
    }
    return future.result();
  }

  /** Asks the loop to stop: {@link runForever} returns after the current turn. */
  stop(): void {
    this.#stopping = true;
  }

  /**
   * Closes the loop: drops pending callbacks and timers and reports failed
   * futures whose exception nobody retrieved. A closed loop cannot run again.
   *
   * @throws {RuntimeError} If the loop is running.
   */
  close(): void {
    if (this.#running) throw new RuntimeError("cannot close a running event loop");
    if (this.#closed) return;
    this.#closed = true;
    this.#ready.clear();
    for (const timer of this.#timers.clear()) timer._scheduled = false;
    this.#cancelledTimers = 0;
    sweepUnretrieved(this);
  }

  /**
   * Whether the loop is running (inside {@link runForever}).
   * @returns `true` while running.
   */
  isRunning(): boolean {
    return this.#running;
  }

  /**
   * Whether {@link close} was called.
   * @returns `true` once closed.
   */
  isClosed(): boolean {
    return this.#closed;
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
    return this.#clock.now();
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
    if (this.#closed) throw closedError();
    if (typeof callback !== "function" || isGeneratorFunction(callback)) {
      badCallback("callSoon", callback);
    }
    const handle = new Handle(callback as Callback, args.length === 0 ? undefined : args, this);
    this.#ready.push(handle);
    if (this._tracer !== null) this._tracer.readyCallback(handle);
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
    this.#wakeUp();
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
    if (this.#closed) throw closedError();
    if (!Number.isFinite(when)) throw new TypeError(`when must be a finite number: ${when}`);
    if (typeof callback !== "function" || isGeneratorFunction(callback)) {
      badCallback("callAt", callback);
    }
    const timer = new TimerHandle(
      when,
      this.#timerSeq++,
      callback as Callback,
      args.length === 0 ? undefined : args,
      this,
    );
    this.#timers.push(timer);
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
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      this.#wakeUp(); // a virtual loop may now jump time, or see its deadlock
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
    if (this.#closed) throw closedError();
    if (this.#taskFactory !== null) {
      const task = this.#taskFactory(this, coro, options) as Task<T>;
      // as asyncio: the name is set even when the factory ignores it
      if (options?.name !== undefined && task.getName() !== options.name) {
        task.setName(options.name);
      }
      return task;
    }
    return new Task<T>(coro, this, options);
  }

  /**
   * Makes `createTask` (and so `createTask()`, `gather`, `TaskGroup`) build
   * tasks with `factory`, e.g. `eagerTaskFactory`; `null` restores plain tasks.
   *
   * @param factory `(loop, coro, options) => Task`, or `null`.
   * @example
   * ```ts
   * import { eagerTaskFactory, EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.setTaskFactory(eagerTaskFactory);
   * console.log(loop.getTaskFactory() === eagerTaskFactory); // true
   * ```
   */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== "function") {
      throw new TypeError("task factory must be a callable or null");
    }
    this.#taskFactory = factory;
  }

  /**
   * The task factory set with {@link setTaskFactory}.
   * @returns The factory, or `null` for plain tasks.
   */
  getTaskFactory(): TaskFactory | null {
    return this.#taskFactory;
  }

  // ------------------------------------------------------------ sockets
  // asyncio's loop.sock_* methods. The bodies live in lib/socket/sock_ops.ts,
  // next to the sockets they wait for (its `sockRecv` has a runnable example);
  // the loop only names them.

  /**
   * Receives up to `n` bytes from `sock`, waiting until some arrive (asyncio's `sock_recv`).
   *
   * @param sock A connected socket (real or simulated).
   * @param n The most bytes to return.
   * @returns A coroutine of the bytes; empty means the peer closed its side.
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
   */
  sockSendall(sock: StreamSocket, data: Uint8Array): Coroutine<void> {
    return sockSendall(this, sock, data);
  }

  /**
   * Accepts the next connection on `listener`, waiting until one comes (asyncio's `sock_accept`).
   *
   * @param listener A listening socket.
   * @returns A coroutine of `[socket, peer address]`.
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
   */
  sockConnect(host: string, port: number, options?: ConnectOptions): Coroutine<StreamSocket> {
    return sockConnect(this, host, port, options);
  }

  // ------------------------------------------------------------- errors

  /**
   * Sets the function called with errors nobody caught (`null`: the default).
   *
   * @param handler `(loop, context) => void`, or `null`.
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.setExceptionHandler((_loop, context) => console.log("caught:", context.message));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError(`A callable object or null is expected, got ${String(handler)}`);
    }
    this.#exceptionHandler = handler;
  }

  /**
   * The custom exception handler.
   * @returns The handler set with {@link setExceptionHandler}, or `null` for the default one.
   */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#exceptionHandler;
  }

  /**
   * The default handler: logs the message, the task name and the error's
   * stack with `console.error`.
   *
   * @param context What went wrong.
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
   * @example
   * ```ts
   * import { EventLoop } from "@course/lib";
   * const loop = new EventLoop();
   * loop.setExceptionHandler((_loop, context) => console.log(context.message));
   * loop.callExceptionHandler({ message: "something happened" });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void {
    // As asyncio's call_exception_handler: this.defaultExceptionHandler, not the module's (a
    // subclass may override it), and a handler that throws never breaks the loop.
    const handler = this.#exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (error) {
        console.error("Exception in default exception handler", error);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (error) {
      try {
        this.defaultExceptionHandler({
          message: "Unhandled error in exception handler",
          exception: error,
          context,
        });
      } catch (again) {
        console.error(
          "Exception in default exception handler while handling an unexpected error in " +
            "custom exception handler",
          again,
        );
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
  /**
   * The recorded steps, and with `{ queues: true }` the queue events too.
   *
   * @param options `queues: true` for the queue events too.
   * @returns The trace events.
   */
  trace(options: TraceOptions): QueueTraceEvent[];
  trace(options: TraceOptions = {}): QueueTraceEvent[] {
    return this._tracer === null ? [] : this._tracer.events(options);
  }

  /** Forgets the recorded trace (tracing stays on). */
  clearTrace(): void {
    this._tracer?.clear();
  }

  // ----------------------------------------------------------- internals

  /**
   * Queues a task step; tasks call this instead of allocating a Handle.
   * @ignore
   */
  _scheduleRunnable(runnable: Runnable): void {
    if (this.#closed) throw closedError();
    this.#ready.push(runnable);
    if (this._tracer !== null) this._tracer.readyTask(runnable as Task<unknown>);
  }

  /**
   * What the loop holds now: the ready queue, oldest first, and the timer heap (in heap order).
   * For tests that check what a trace says against the loop's own queues.
   * @ignore
   */
  _queues(): { ready: Runnable[]; timers: TimerHandle[] } {
    return { ready: this.#ready.toArray(), timers: this.#timers.toArray() };
  }

  /**
   * A scheduled timer was cancelled: counted, so that {@link runOnce} knows when to sweep.
   * @ignore
   */
  _timerCancelled(): void {
    this.#cancelledTimers++;
  }

  /**
   * Cancelled timers stay in the heap (cancelling is O(1)). Before each turn,
   * pop those on top; when they are many and over half the heap, rebuild it
   * without them instead.
   */
  #dropCancelledTimers(): void {
    const timers = this.#timers;
    if (this.#cancelledTimers === 0) return;
    if (
      this.#cancelledTimers > MIN_CANCELLED_TIMERS_TO_CLEAN &&
      this.#cancelledTimers * 2 > timers.size
    ) {
      timers.filter((timer) => {
        if (!timer._cancelled) return true;
        timer._scheduled = false;
        return false;
      });
      this.#cancelledTimers = 0;
      return;
    }
    while (timers.size > 0 && timers.peek()!._cancelled) {
      timers.pop()!._scheduled = false;
      this.#cancelledTimers--;
    }
  }

  /**
   * Waits until the next timer is due or {@link callSoonThreadsafe} (or a
   * released {@link keepAlive} hold) wakes the loop: the place where Deno's
   * own I/O gets to complete.
   */
  #idleWait(seconds: number): Promise<void> {
    if (this._tracer !== null) this._tracer.ioWaitStart(seconds);
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wake = () => {
        this.#wake = null;
        if (timer !== undefined) clearTimeout(timer);
        if (this._tracer !== null) this._tracer.ioWaitEnd();
        resolve();
      };
      this.#wake = wake;
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
  #pollOutside(): Promise<void> {
    if (this._tracer !== null) this._tracer.ioWaitStart(0);
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        if (this._tracer !== null) this._tracer.ioWaitEnd();
        resolve();
      }, 0);
    });
  }

  /** Ends an idle wait early, if the loop is in one. */
  #wakeUp(): void {
    const wake = this.#wake;
    if (wake !== null) wake();
  }

  /** Throws unless this loop may start running: open, idle, and no other loop running. */
  #checkCanRun(): void {
    if (this.#closed) throw closedError();
    if (this.#running) throw new RuntimeError("this event loop is already running");
    if (_peekRunningLoop() !== null) {
      throw new RuntimeError("cannot run the event loop while another loop is running");
    }
  }
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

function isGeneratorFunction(callback: unknown): boolean {
  return callback instanceof GeneratorFunction;
}

// asyncio's _check_callback: a callback must be a plain callable, never a coroutine function.
function badCallback(method: string, callback: unknown): never {
  if (isGeneratorFunction(callback)) {
    throw new TypeError(
      `coroutines cannot be used with ${method}(): wrap it in a task, createTask(coro())`,
    );
  }
  throw new TypeError(`a callable object was expected by ${method}(), got ${String(callback)}`);
}

function closedError(): RuntimeError {
  return new RuntimeError("the event loop is closed");
}

// runUntilComplete's done callback: a plain function, so it can be removed.
function stopLoopOf(future: Future<unknown>): void {
  future.getLoop().stop();
}
