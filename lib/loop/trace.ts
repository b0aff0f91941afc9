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
 * faster events only every few events (at most 64); events in between share
 * the last reading. Idle waits always read it.
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
  /** The task's name at that moment (`task.getName()`). */
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

/** One recorded step of the loop; switch on `kind`. */
export type TraceEvent =
  | CallbackEvent
  | TaskStepEvent
  | TimerScheduledEvent
  | TimerFiredEvent
  | IoWaitEvent
  | TimeJumpEvent;

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

// Event kinds and phases as small integers: the recorder stores columns of
// numbers and builds the objects only when asked.
const CALLBACK = 0, STEP_START = 1, STEP_END = 2, TIMER_SCHEDULED = 3, TIMER_FIRED = 4;
const IO_START = 5, IO_END = 6, TIME_JUMP = 7;
const OUTCOMES: StepOutcome[] = ["suspended", "done", "failed", "cancelled"];
const FAST_EVENT_SECONDS = 2e-6;
const MAX_STRIDE = 64;

function nameOf(fn: unknown): string {
  return (typeof fn === "function" && fn.name) || "anonymous";
}

/**
 * Records trace events cheaply (parallel arrays, no object per event) while
 * the loop runs. The loop owns one when tracing is on.
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
  private kinds: number[] = [];
  private loopTimes: number[] = [];
  private realTimes: number[] = [];
  private subjects: unknown[] = [];
  private numbers: number[] = [];
  private originMs: number;
  private virtual: VirtualClock | null;
  private real = 0;
  private stride = 1;
  private skip = 0;

  /**
   * @param originMs The `performance.now()` reading that is real time 0.
   * @param virtual The loop's virtual clock, or `null` on the real clock (then
   *   loop time is real time, and one clock reading serves both fields).
   */
  constructor(originMs: number, virtual: VirtualClock | null) {
    this.originMs = originMs;
    this.virtual = virtual;
  }

  /** How many events were recorded. */
  get length(): number {
    return this.kinds.length;
  }

  // Real time for the next event, reading the clock adaptively (see @module).
  private tick(): number {
    if (--this.skip >= 0) return this.real;
    return this.readClock();
  }

  private readClock(): number {
    const now = (performance.now() - this.originMs) / 1000;
    this.stride = now - this.real < this.stride * FAST_EVENT_SECONDS
      ? Math.min(this.stride * 2, MAX_STRIDE)
      : 1;
    this.skip = this.stride - 1;
    this.real = now;
    return now;
  }

  private record(kind: number, real: number, subject: unknown, num: number): void {
    this.kinds.push(kind);
    this.realTimes.push(real);
    this.loopTimes.push(this.virtual === null ? real : this.virtual.now());
    this.subjects.push(subject);
    this.numbers.push(num);
  }

  /**
   * A callback is about to run.
   * @param fn The callback.
   * @returns Nothing.
   */
  callback(fn: unknown): void {
    this.record(CALLBACK, this.tick(), fn, 0);
  }

  /**
   * A task step starts.
   * @param name The task's name.
   * @param taskId The task's id.
   * @returns Nothing.
   */
  stepStart(name: string, taskId: number): void {
    this.record(STEP_START, this.tick(), name, taskId);
  }

  /**
   * A task step ended.
   * @param name The task's name.
   * @param taskId The task's id.
   * @param outcome 0 suspended, 1 done, 2 failed, 3 cancelled.
   * @returns Nothing.
   */
  stepEnd(name: string, taskId: number, outcome: number): void {
    this.record(STEP_END, this.tick(), name, taskId * 4 + outcome);
  }

  /**
   * A timer was scheduled.
   * @param timer The timer.
   * @returns Nothing.
   */
  timerScheduled(timer: TimerHandle): void {
    this.record(TIMER_SCHEDULED, this.tick(), timer._callback, timer._when);
  }

  /**
   * A timer moved to the ready queue.
   * @param timer The timer.
   * @returns Nothing.
   */
  timerFired(timer: TimerHandle): void {
    this.record(TIMER_FIRED, this.tick(), timer._callback, timer._when);
  }

  /**
   * An idle wait starts.
   * @param timeout Seconds at most, or `Infinity`.
   * @returns Nothing.
   */
  ioWaitStart(timeout: number): void {
    this.record(IO_START, this.readClock(), null, timeout);
  }

  /**
   * An idle wait ended.
   * @returns Nothing.
   */
  ioWaitEnd(): void {
    this.record(IO_END, this.readClock(), null, 0);
  }

  /**
   * The virtual clock jumped forward.
   * @param from Loop time before the jump.
   * @returns Nothing.
   */
  timeJump(from: number): void {
    this.record(TIME_JUMP, this.tick(), null, from);
  }

  /**
   * The recorded events as plain objects, oldest first.
   *
   * @returns A fresh array of {@link TraceEvent}s.
   * @example
   * ```ts
   * import { TraceRecorder } from "@course/lib/loop/trace.ts";
   * console.log(new TraceRecorder(performance.now(), null).events()); // []
   * ```
   */
  events(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.kinds.length; i++) {
      const loopTime = this.loopTimes[i], realTime = this.realTimes[i];
      const subject = this.subjects[i], num = this.numbers[i];
      switch (this.kinds[i]) {
        case CALLBACK:
          out.push({ kind: "callback", loopTime, realTime, name: nameOf(subject) });
          break;
        case STEP_START:
          out.push({
            kind: "task-step",
            phase: "start",
            loopTime,
            realTime,
            task: subject as string,
            taskId: num,
          });
          break;
        case STEP_END:
          out.push({
            kind: "task-step",
            phase: "end",
            loopTime,
            realTime,
            task: subject as string,
            taskId: Math.floor(num / 4),
            outcome: OUTCOMES[num % 4],
          });
          break;
        case TIMER_SCHEDULED:
        case TIMER_FIRED:
          out.push({
            kind: this.kinds[i] === TIMER_FIRED ? "timer-fired" : "timer-scheduled",
            loopTime,
            realTime,
            when: num,
            name: nameOf(subject),
          });
          break;
        case IO_START:
          out.push({
            kind: "io-wait",
            phase: "start",
            loopTime,
            realTime,
            timeout: num === Infinity ? null : num,
          });
          break;
        case IO_END:
          out.push({ kind: "io-wait", phase: "end", loopTime, realTime, timeout: null });
          break;
        case TIME_JUMP:
          out.push({ kind: "time-jump", loopTime, realTime, from: num });
          break;
      }
    }
    return out;
  }

  /**
   * Forgets every recorded event.
   * @returns Nothing.
   * @example
   * ```ts
   * import { TraceRecorder } from "@course/lib/loop/trace.ts";
   * new TraceRecorder(performance.now(), null).clear();
   * ```
   */
  clear(): void {
    this.kinds = [];
    this.loopTimes = [];
    this.realTimes = [];
    this.subjects = [];
    this.numbers = [];
  }
}
