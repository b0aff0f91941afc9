/**
 * The loop's trace: with `new EventLoop({ trace: true })` the loop records every
 * step it takes, and `loop.trace()` returns them as plain objects, in order,
 * ready for a timeline chart.
 *
 * Every event has `kind`, `loopTime` (seconds on the loop's clock, virtual or
 * real) and `realTime` (seconds of real time since the loop was made, from
 * `performance.now()`).
 *
 * How exact is `realTime`? Reading the clock costs about 0.1 µs, more than a
 * whole callback, so the recorder reads it at every event while events are
 * more than about 2 µs apart (any program a person watches), and in bursts of
 * faster events only every few events (at most 256, a few µs of them); events
 * in between share the last reading. Idle waits always read it.
 *
 * @module
 */
import type { VirtualClock } from "./clock.ts";
import type { TimerHandle } from "./handle.ts";

/** Fields every trace event has. */
export interface TraceEventBase {
  /** Loop time in seconds when the event happened (`loop.time()`). */
  loopTime: number;
  /** Real seconds since the loop was made, from `performance.now()`. */
  realTime: number;
}

/** A plain callback (from `callSoon`, `callLater`, `callAt`, a future's done callback) ran. */
export interface CallbackEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "callback";
  /** The callback function's name, or `"anonymous"`. */
  name: string;
}

/** How a task step ended. */
export type StepOutcome = "suspended" | "done" | "failed" | "cancelled";

/**
 * A task's step began (`phase: "start"`) or ended (`phase: "end"`). Steps never
 * nest: each start is followed by its own end before the next task-step start,
 * so consecutive task-step events pair up into bars (see {@link taskStepSpans}).
 */
export interface TaskStepEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "task-step";
  /** Start or end of the step. */
  phase: "start" | "end";
  /** The task's name (`task.getName()`; its latest name if it was renamed). */
  task: string;
  /** A number unique to the task in this process, stable when names repeat. */
  taskId: number;
  /** On `end` only: waiting again, returned, threw, or was cancelled. */
  outcome?: StepOutcome;
}

/** `callLater` / `callAt` put a timer on the heap. */
export interface TimerScheduledEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "timer-scheduled";
  /** The timer's deadline in loop seconds. */
  when: number;
  /** The timer callback's name, or `"anonymous"`. */
  name: string;
}

/** A timer's deadline passed and its callback moved to the ready queue. */
export interface TimerFiredEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "timer-fired";
  /** The timer's deadline in loop seconds. */
  when: number;
  /** The timer callback's name, or `"anonymous"`. */
  name: string;
}

/**
 * The loop had nothing ready and waited (`start` ... `end`) for the next timer
 * or for outside work (`callSoonThreadsafe`: native I/O, a bridged promise).
 */
export interface IoWaitEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "io-wait";
  /** Start or end of the wait. */
  phase: "start" | "end";
  /** On `start`: the longest it may wait in seconds, `null` for "until woken". */
  timeout: number | null;
}

/** Virtual clock only: nothing was ready, so time jumped to the next deadline. */
export interface TimeJumpEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "time-jump";
  /** Loop time before the jump; `loopTime` is the time after it. */
  from: number;
}

/**
 * A task started (`start`) or stopped (`end`) waiting on a coordination
 * primitive: a `Lock`, `Semaphore`, `Event`, `Condition` or a `Queue`.
 */
export interface SyncWaitEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "sync-wait";
  /** Start or end of the wait. */
  phase: "start" | "end";
  /** The primitive and what it waits for, e.g. `"Lock-1 acquire"` or `"Queue-2 put"`. */
  primitive: string;
  /** The waiting task's name. */
  task: string;
  /** The waiting task's id. */
  taskId: number;
}

/** One recorded step of the loop; switch on `kind`. */
export type TraceEvent =
  | CallbackEvent
  | TaskStepEvent
  | TimerScheduledEvent
  | TimerFiredEvent
  | IoWaitEvent
  | TimeJumpEvent
  | SyncWaitEvent;

/**
 * With `loop.trace({ queues: true })` only: something joined the ready queue.
 * `callSoon` and a future's done callback put a callback there; a task's next
 * step goes there when the task is created, when what it waits for is done,
 * and after a bare `yield`. (A due timer joining it is a {@link TimerFiredEvent}.)
 */
export interface ReadyScheduledEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "ready-scheduled";
  /** The callback's name, or the task's name for a task step. */
  name: string;
  /** The task's id for a task step, `null` for a plain callback. */
  taskId: number | null;
}

/** With `queues: true` only: a timer still on the heap was cancelled (it will never fire). */
export interface TimerCancelledEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "timer-cancelled";
  /** The timer's deadline in loop seconds. */
  when: number;
  /** The timer callback's name, or `"anonymous"`. */
  name: string;
}

/**
 * With `queues: true` only: a task's step ended waiting for a future that is
 * not done yet; the task sleeps until that future is done (then a
 * {@link ReadyScheduledEvent} names the task).
 */
export interface TaskWaitEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "task-wait";
  /** The waiting task's name. */
  task: string;
  /** The waiting task's id. */
  taskId: number;
  /**
   * What it waits for: `task <name>` for another task, the primitive and the
   * operation for a coordination primitive (e.g. `Queue-1 get`), else e.g. `Future #3`.
   */
  on: string;
}

/** With `queues: true` only: a cancelled callback left the ready queue without running. */
export interface CallbackSkippedEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "callback-skipped";
}

/** With `queues: true` only: a task started (`start`) or stopped (`end`) watching a socket. */
export interface SocketWatchEvent extends TraceEventBase {
  /** Discriminant. */
  kind: "socket-watch";
  /** Start or end of the watch. */
  phase: "start" | "end";
  /** The socket, e.g. `TcpListener #2`. */
  socket: string;
  /** What readiness is awaited: `"read"`, `"write"` or `"read+write"`. */
  events: string;
}

/**
 * The extra events of `loop.trace({ queues: true })`: with them, the ready
 * queue, the timer heap, the waiting tasks and the watched sockets after every
 * step can be worked out from the trace alone (`loopStates` does it).
 */
export type QueueEvent =
  | ReadyScheduledEvent
  | TimerCancelledEvent
  | TaskWaitEvent
  | CallbackSkippedEvent
  | SocketWatchEvent;

/** What `loop.trace({ queues: true })` returns: every {@link TraceEvent} and the {@link QueueEvent}s. */
export type QueueTraceEvent = TraceEvent | QueueEvent;

/** Options of `loop.trace()`. */
export interface TraceOptions {
  /** Include the {@link QueueEvent}s (default `false`: only the classic events). */
  queues?: boolean;
}

/** One task step as a bar: from its start event to its end event. */
export interface TaskStepSpan {
  /** The task's name. */
  task: string;
  /** The task's id. */
  taskId: number;
  /** Loop time at the start and end of the step. */
  loopStart: number;
  /** Loop time at the end of the step. */
  loopEnd: number;
  /** Real seconds at the start of the step. */
  realStart: number;
  /** Real seconds at the end of the step. */
  realEnd: number;
  /** How the step ended. */
  outcome: StepOutcome;
}

/**
 * Pairs each task step's start and end events into one bar.
 *
 * @param events A trace from `loop.trace()`.
 * @returns One span per completed step, in the order the steps ran.
 * @example
 * ```ts
 * import { EventLoop, sleep, taskStepSpans } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual", trace: true });
 * await loop.runUntilComplete(sleep(1));
 * console.log(taskStepSpans(loop.trace()).length); // 2: before and after the sleep
 * ```
 */
export function taskStepSpans(events: readonly TraceEvent[]): TaskStepSpan[] {
  const spans: TaskStepSpan[] = [];
  let open: TaskStepEvent | null = null;
  for (const event of events) {
    if (event.kind !== "task-step") continue;
    if (event.phase === "start") open = event;
    else if (open !== null && open.taskId === event.taskId) {
      spans.push({
        task: open.task,
        taskId: open.taskId,
        loopStart: open.loopTime,
        loopEnd: event.loopTime,
        realStart: open.realTime,
        realEnd: event.realTime,
        outcome: event.outcome ?? "suspended",
      });
      open = null;
    }
  }
  return spans;
}

function nameOf(fn: unknown): string {
  return (typeof fn === "function" && fn.name) || "anonymous";
}

// Event kinds as small integers: the recorder stores one 32-bit word per
// event (kind + KINDS * id, so ids stay below 2^27) in typed-array chunks,
// and the number some events carry (a time, a task id) in chunks of a second
// stream: no object and no pointer per event, 4 bytes for most. Loop time and real time are not stored
// per event: a CLOCK entry records each real-clock reading, and a time-jump
// event each change of virtual time; every event takes the latest of each.
// The objects are built only when asked.
const CALLBACK = 0, STEP_START = 1, STEP_END = 2; // 2..5: STEP_END + outcome
const TIMER_SCHEDULED = 6, TIMER_FIRED = 7, IO_START = 8, IO_END = 9, TIME_JUMP = 10, CLOCK = 11;
// The queue events (shown only with `trace({ queues: true })`).
const READY_CALLBACK = 12, READY_TASK = 13, TIMER_CANCELLED = 14, TASK_WAITS = 15, SKIPPED = 16;
const WATCH_START = 17, WATCH_END = 18;
// One event per wait on a coordination primitive; its task-wait and its end are worked out on
// decoding (see syncWaitStart). id: the primitive's label; number: the task's id.
const SYNC_START = 19;
const KINDS = 32;
const OBJECT_CLASSES = 256, TASK_CLASS = 255; // see #objectCode
const OUTCOMES: StepOutcome[] = ["suspended", "done", "failed", "cancelled"];
const FAST_EVENT_SECONDS = 2e-6;
const MAX_STRIDE = 256;
const CHUNK_LENGTH = 1 << 16;

function hasNumber(kind: number): boolean {
  return (kind >= TIMER_SCHEDULED && kind <= CLOCK && kind !== IO_END) ||
    kind === TIMER_CANCELLED || kind === TASK_WAITS || kind === WATCH_START || kind === WATCH_END ||
    kind === SYNC_START;
}

function isQueueKind(kind: number): boolean {
  return kind >= READY_CALLBACK && kind < SYNC_START;
}

const WATCHED = ["", "read", "write", "read+write"];

/**
 * What the recorder needs to know about a task.
 * @ignore
 */
export interface TracedTask {
  /** Unique id. */
  _id: number;
  /** Current name. */
  _name: string;
  /** The name last given to a recorder, to skip the name table when unchanged. */
  _tracedName: string | null;
}

/**
 * Records trace events cheaply while the loop runs: one or two numbers per event in
 * typed-array chunks; callback functions and task names go in side tables,
 * looked up only when they change. The loop owns one when tracing is on.
 *
 * @example
 * ```ts
 * import { TraceRecorder } from "@course/lib/loop/trace.ts";
 * const recorder = new TraceRecorder(performance.now(), null);
 * recorder.callback(function tick() {});
 * console.log(recorder.events()[0].kind); // "callback"
 * ```
 */
export class TraceRecorder {
  #wordChunks: Uint32Array[] = [];
  #words = new Uint32Array(CHUNK_LENGTH);
  #pos = 0;
  #numberChunks: Float64Array[] = [];
  #numbers = new Float64Array(CHUNK_LENGTH);
  #numberPos = 0;
  #functionIds = new Map<unknown, number>();
  #functions: unknown[] = [];
  // Futures and sockets that queue events name carry their number on
  // themselves (see #objectCode); only their classes' names go in a table.
  #objectCount = 0;
  #classIds = new Map<unknown, number>();
  #classNames: string[] = [];
  #syncWaiter: TracedTask | null = null;
  #lastFunction: unknown = undefined;
  #lastFunctionId = -1;
  #taskNames = new Map<number, string>();
  #originMs: number;
  #virtual: VirtualClock | null;
  #real = 0;
  #stride = 1;
  #skip = 0;

  /**
   * @param originMs The `performance.now()` reading that is real time 0.
   * @param virtual The loop's virtual clock, or `null` on the real clock (then
   *   loop time is real time, and one clock reading serves both fields).
   */
  constructor(originMs: number, virtual: VirtualClock | null) {
    this.#originMs = originMs;
    this.#virtual = virtual;
  }

  // Reads the clock before an event unless events come fast (see @module).
  #tick(): void {
    if (--this.#skip < 0) this.#readClock();
  }

  #readClock(): void {
    const now = (performance.now() - this.#originMs) / 1000;
    this.#stride = now - this.#real < this.#stride * FAST_EVENT_SECONDS
      ? Math.min(this.#stride * 2, MAX_STRIDE)
      : 1;
    this.#skip = this.#stride - 1;
    this.#real = now;
    this.#recordWithNumber(CLOCK, 0, now);
  }

  #record(kind: number, id: number): void {
    if (this.#pos === CHUNK_LENGTH) {
      this.#wordChunks.push(this.#words);
      this.#words = new Uint32Array(CHUNK_LENGTH);
      this.#pos = 0;
    }
    this.#words[this.#pos++] = kind + KINDS * id;
  }

  #recordWithNumber(kind: number, id: number, x: number): void {
    this.#record(kind, id);
    if (this.#numberPos === CHUNK_LENGTH) {
      this.#numberChunks.push(this.#numbers);
      this.#numbers = new Float64Array(CHUNK_LENGTH);
      this.#numberPos = 0;
    }
    this.#numbers[this.#numberPos++] = x;
  }

  #functionId(fn: unknown): number {
    if (fn === this.#lastFunction) return this.#lastFunctionId;
    let id = this.#functionIds.get(fn);
    if (id === undefined) {
      id = this.#functions.length;
      this.#functions.push(fn);
      this.#functionIds.set(fn, id);
    }
    this.#lastFunction = fn;
    this.#lastFunctionId = id;
    return id;
  }

  #taskId(task: TracedTask): number {
    if (task._tracedName !== task._name) {
      this.#taskNames.set(task._id, task._name);
      task._tracedName = task._name;
    }
    return task._id;
  }

  // A task by its id; a future or socket by a number written on the object
  // itself, with its class. Not a table of objects: that would keep every
  // future a task ever waited on alive as long as the trace, and the garbage
  // collector's work on them cost more than all the rest of tracing.
  #objectCode(object: object): number {
    const { _id } = object as { _id?: unknown };
    if (typeof _id === "number") return _id * OBJECT_CLASSES + TASK_CLASS;
    const numbered = object as { _traceNumber?: number };
    const number = numbered._traceNumber ??= ++this.#objectCount;
    let classId = this.#classIds.get(object.constructor);
    if (classId === undefined) {
      // Ids below TASK_CLASS only: past 254 classes, the rest share the last name.
      if (this.#classNames.length < TASK_CLASS) {
        this.#classNames.push(object.constructor?.name ?? "object");
      }
      classId = this.#classNames.length - 1;
      this.#classIds.set(object.constructor, classId);
    }
    return number * OBJECT_CLASSES + classId;
  }

  /**
   * A callback is about to run.
   * @param fn The callback.
   */
  callback(fn: unknown): void {
    this.#tick();
    this.#record(CALLBACK, this.#functionId(fn));
  }

  /**
   * A task step starts.
   * @param task The task.
   */
  stepStart(task: TracedTask): void {
    this.#tick();
    this.#record(STEP_START, this.#taskId(task));
  }

  /**
   * A task step ended.
   * @param task The task.
   * @param outcome 0 suspended, 1 done, 2 failed, 3 cancelled.
   */
  stepEnd(task: TracedTask, outcome: number): void {
    this.#tick();
    this.#record(STEP_END + outcome, this.#taskId(task));
  }

  /**
   * A timer was scheduled.
   * @param timer The timer.
   */
  timerScheduled(timer: TimerHandle): void {
    this.#tick();
    this.#recordWithNumber(TIMER_SCHEDULED, this.#functionId(timer._callback), timer._when);
  }

  /**
   * A timer moved to the ready queue.
   * @param timer The timer.
   */
  timerFired(timer: TimerHandle): void {
    this.#tick();
    this.#recordWithNumber(TIMER_FIRED, this.#functionId(timer._callback), timer._when);
  }

  /**
   * An idle wait starts.
   * @param timeout Seconds at most, or `Infinity`.
   */
  ioWaitStart(timeout: number): void {
    this.#readClock();
    this.#recordWithNumber(IO_START, 0, timeout);
  }

  /**
   * An idle wait ended.
   */
  ioWaitEnd(): void {
    this.#readClock();
    this.#record(IO_END, 0);
  }

  /**
   * A task starts waiting on a coordination primitive. One event stands for
   * three: the sync-wait start, the task-wait that ends this step (skipped
   * below when it comes), and the sync-wait end, which is the task's next step
   * start: the task sleeps on the primitive's waiter future until then, and
   * its first act on waking is to leave the wait. Fewer events keep tracing
   * cheap on the Queue and Lock benchmarks.
   * @param label The primitive and the operation, e.g. `"Lock-1 acquire"`.
   * @param task The waiting task.
   */
  syncWaitStart(label: string, task: TracedTask): void {
    this.#tick();
    this.#recordWithNumber(SYNC_START, this.#functionId(label), this.#taskId(task));
    this.#syncWaiter = task;
  }

  /**
   * The virtual clock jumped forward.
   * @param to Loop time after the jump.
   */
  timeJump(to: number): void {
    this.#tick();
    this.#recordWithNumber(TIME_JUMP, 0, to);
  }

  /**
   * A callback joined the ready queue.
   * @param handle Its {@link Handle}.
   */
  readyCallback(handle: { _callback: unknown }): void {
    this.#tick();
    this.#record(READY_CALLBACK, this.#functionId(handle._callback));
  }

  /**
   * A task's next step joined the ready queue.
   * @param task The task.
   */
  readyTask(task: TracedTask): void {
    this.#tick();
    this.#record(READY_TASK, this.#taskId(task));
  }

  /**
   * A timer still on the heap was cancelled.
   * @param when The timer's deadline.
   * @param callback Its callback (a cancelled timer has dropped its own).
   */
  timerCancelled(when: number, callback: unknown): void {
    this.#tick();
    this.#recordWithNumber(TIMER_CANCELLED, this.#functionId(callback), when);
  }

  /**
   * A task's step ended waiting for a pending future.
   * @param task The task.
   * @param future What it waits for (a future or another task).
   */
  taskWaits(task: TracedTask, future: object): void {
    if (task === this.#syncWaiter) {
      this.#syncWaiter = null; // its sync-wait event says it (see syncWaitStart)
      return;
    }
    this.#tick();
    this.#recordWithNumber(TASK_WAITS, this.#taskId(task), this.#objectCode(future));
  }

  /**
   * A cancelled callback left the ready queue without running.
   */
  skipped(): void {
    this.#tick();
    this.#record(SKIPPED, 0);
  }

  /**
   * A task started or stopped watching a socket.
   * @param socket The socket.
   * @param events EVENT_READ (1), EVENT_WRITE (2) or both (3).
   * @param start `true` when the watch starts.
   */
  socketWatch(socket: object, events: number, start: boolean): void {
    this.#tick();
    this.#recordWithNumber(start ? WATCH_START : WATCH_END, events, this.#objectCode(socket));
  }

  /**
   * The recorded events as plain objects, oldest first.
   *
   * @param options `queues: true` to include the {@link QueueEvent}s.
   * @returns A fresh array of {@link TraceEvent}s (and {@link QueueEvent}s if asked).
   * @example
   * ```ts
   * import { TraceRecorder } from "@course/lib/loop/trace.ts";
   * console.log(new TraceRecorder(performance.now(), null).events()); // []
   * ```
   */
  events(options: TraceOptions = {}): QueueTraceEvent[] {
    const queues = options.queues === true;
    const out: QueueTraceEvent[] = [];
    const syncWaits = new Map<number, SyncWaitEvent>(); // task id -> its open wait's start
    let loopTime = 0, realTime = 0;
    const numbers = [...this.#numberChunks, this.#numbers.subarray(0, this.#numberPos)];
    let numberChunk = 0, numberPos = 0;
    const nextNumber = (): number => {
      if (numberPos === CHUNK_LENGTH) [numberChunk, numberPos] = [numberChunk + 1, 0];
      return numbers[numberChunk][numberPos++];
    };
    for (const chunk of [...this.#wordChunks, this.#words.subarray(0, this.#pos)]) {
      for (let i = 0; i < chunk.length; i++) {
        const kind = chunk[i] % KINDS, id = Math.floor(chunk[i] / KINDS);
        const x = hasNumber(kind) ? nextNumber() : 0;
        if (kind === CLOCK) {
          realTime = x;
          if (this.#virtual === null) loopTime = x;
        } else if (kind === TIME_JUMP) {
          out.push({ kind: "time-jump", loopTime: x, realTime, from: loopTime });
          loopTime = x;
        } else if (isQueueKind(kind)) {
          if (queues) out.push(this.#decodeQueue(kind, id, x, loopTime, realTime));
        } else if (kind === SYNC_START) {
          const start = this.#syncWait(id, x, loopTime, realTime);
          out.push(start);
          if (queues) {
            const { task, taskId, primitive: on } = start;
            out.push({ kind: "task-wait", loopTime, realTime, task, taskId, on });
          }
          syncWaits.set(x, start);
        } else {
          out.push(this.#decode(kind, id, x, loopTime, realTime));
          const wait = kind === STEP_START ? syncWaits.get(id) : undefined;
          if (wait !== undefined) {
            syncWaits.delete(id);
            out.push({ ...wait, phase: "end", loopTime, realTime });
          }
        }
      }
    }
    return out;
  }

  #decode(
    kind: number,
    id: number,
    x: number,
    loopTime: number,
    realTime: number,
  ): TraceEvent {
    switch (kind) {
      case CALLBACK:
        return { kind: "callback", loopTime, realTime, name: nameOf(this.#functions[id]) };
      case STEP_START:
      case STEP_END:
      case STEP_END + 1:
      case STEP_END + 2:
      case STEP_END + 3: {
        const task = this.#taskName(id);
        return kind === STEP_START
          ? { kind: "task-step", phase: "start", loopTime, realTime, task, taskId: id }
          : {
            kind: "task-step",
            phase: "end",
            loopTime,
            realTime,
            task,
            taskId: id,
            outcome: OUTCOMES[kind - STEP_END],
          };
      }
      case TIMER_SCHEDULED:
      case TIMER_FIRED:
        return {
          kind: kind === TIMER_FIRED ? "timer-fired" : "timer-scheduled",
          loopTime,
          realTime,
          when: x,
          name: nameOf(this.#functions[id]),
        };
      case IO_START:
        return {
          kind: "io-wait",
          phase: "start",
          loopTime,
          realTime,
          timeout: x === Infinity ? null : x,
        };
      default:
        return { kind: "io-wait", phase: "end", loopTime, realTime, timeout: null };
    }
  }

  #decodeQueue(
    kind: number,
    id: number,
    x: number,
    loopTime: number,
    realTime: number,
  ): QueueEvent {
    switch (kind) {
      case READY_TASK:
        return {
          kind: "ready-scheduled",
          loopTime,
          realTime,
          name: this.#taskName(id),
          taskId: id,
        };
      case READY_CALLBACK:
        return {
          kind: "ready-scheduled",
          loopTime,
          realTime,
          name: nameOf(this.#functions[id]),
          taskId: null,
        };
      case TIMER_CANCELLED:
        return {
          kind: "timer-cancelled",
          loopTime,
          realTime,
          when: x,
          name: nameOf(this.#functions[id]),
        };
      case TASK_WAITS:
        return {
          kind: "task-wait",
          loopTime,
          realTime,
          task: this.#taskName(id),
          taskId: id,
          on: this.#objectLabel(x),
        };
      case SKIPPED:
        return { kind: "callback-skipped", loopTime, realTime };
      default:
        return {
          kind: "socket-watch",
          phase: kind === WATCH_START ? "start" : "end",
          loopTime,
          realTime,
          socket: this.#objectLabel(x),
          events: WATCHED[id] ?? String(id),
        };
    }
  }

  #syncWait(labelId: number, taskId: number, loopTime: number, realTime: number): SyncWaitEvent {
    return {
      kind: "sync-wait",
      phase: "start",
      loopTime,
      realTime,
      primitive: String(this.#functions[labelId]),
      task: this.#taskName(taskId),
      taskId,
    };
  }

  #taskName(id: number): string {
    return this.#taskNames.get(id) ?? `Task-${id}`;
  }

  // What #objectCode recorded: `task <name>`, or e.g. `Future #3`.
  #objectLabel(code: number): string {
    const classId = code % OBJECT_CLASSES, number = Math.floor(code / OBJECT_CLASSES);
    if (classId === TASK_CLASS) return `task ${this.#taskName(number)}`;
    return `${this.#classNames[classId]} #${number}`;
  }

  /**
   * Forgets every recorded event.
   * @example
   * ```ts
   * import { TraceRecorder } from "@course/lib/loop/trace.ts";
   * new TraceRecorder(performance.now(), null).clear();
   * ```
   */
  clear(): void {
    this.#wordChunks = [];
    this.#words = new Uint32Array(CHUNK_LENGTH);
    this.#pos = 0;
    this.#numberChunks = [];
    this.#numbers = new Float64Array(CHUNK_LENGTH);
    this.#numberPos = 0;
    this.#skip = 0; // the next event reads the clock, so it is never missing
    this.#syncWaiter = null;
  }
}
