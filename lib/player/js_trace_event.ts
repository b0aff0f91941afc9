/**
 * The events of a `traceJs` trace: what the instrumented program scheduled
 * and ran on Deno's own event loop. Times are seconds since the program
 * started (`loopTime` and `realTime` are the same reading). Every scheduled
 * thing gets an `id`, so that when it runs the player knows which queue it
 * left, and a `where` (`file:line:col` of the call that scheduled it) when
 * the stack shows one.
 *
 * @module
 */

/** Fields every `traceJs` event has. */
export interface JsEventBase {
  /** Seconds since the program started. */
  loopTime: number;
  /** The same reading (traceJs has one clock). */
  realTime: number;
}

/** `queueMicrotask(fn)` put `fn` on the microtask queue. */
export interface JsMicrotaskQueuedEvent extends JsEventBase {
  /** Discriminant, shared with the loop's own event. */
  kind: "ready-scheduled";
  /** The callback's name. */
  name: string;
  /** Always `null`: not a task. */
  taskId: null;
  /** The callback's id. */
  id: number;
  /** Where it was queued. */
  where: string | null;
}

/** A callback the program handed over began to run. */
export interface JsCallbackEvent extends JsEventBase {
  /** Discriminant. */
  kind: "callback";
  /** The callback's name (`anonymous` for an arrow with none). */
  name: string;
  /** The id it was scheduled with. */
  id: number;
  /** What kind of callback: `microtask`, `then`, `timer`, `interval`, `message`, `fetch`. */
  via: string;
}

/** The callback returned (or threw). */
export interface JsCallbackEndEvent extends JsEventBase {
  /** Discriminant. */
  kind: "callback-end";
  /** The callback's name. */
  name: string;
  /** Its id. */
  id: number;
}

/** `.then`/`.catch`/`.finally` registered a reaction: it waits until the promise settles. */
export interface JsPromiseReactionEvent extends JsEventBase {
  /** Discriminant. */
  kind: "promise-reaction";
  /** The reaction's callback name. */
  name: string;
  /** The promise, e.g. `Promise #3`. */
  on: string;
  /** The reaction's id. */
  id: number;
  /** Where `.then` was called. */
  where: string | null;
}

/** A timer was set (`setTimeout`, `setInterval`), fired, or was cleared. */
export interface JsTimerEvent extends JsEventBase {
  /** Discriminant, shared with the loop's own timer events. */
  kind: "timer-scheduled" | "timer-fired" | "timer-cancelled";
  /** Its deadline in seconds since the start. */
  when: number;
  /** The callback's name. */
  name: string;
  /** The timer's id. */
  id: number;
  /** Where it was set (on `timer-scheduled`). */
  where?: string | null;
}

/** Work outside JavaScript began (`start`: a `fetch`, a posted message) or completed (`end`). */
export interface JsIoEvent extends JsEventBase {
  /** Discriminant. */
  kind: "io-pending";
  /** Start or end. */
  phase: "start" | "end";
  /** E.g. `fetch http://...` or `message to port2`. */
  name: string;
  /** Its id (the callback that will see the result gets the same id). */
  id: number;
  /** Where it began. */
  where: string | null;
}

/** The program printed a line with `console.log`. */
export interface JsLogEvent extends JsEventBase {
  /** Discriminant. */
  kind: "log";
  /** The line. */
  text: string;
}

/** The trace stopped early (a step or time limit), with the reason. */
export interface JsLimitEvent extends JsEventBase {
  /** Discriminant. */
  kind: "limit";
  /** What happened. */
  text: string;
}

/** One event of a `traceJs` trace; switch on `kind`. */
export type JsTraceEvent =
  | JsMicrotaskQueuedEvent
  | JsCallbackEvent
  | JsCallbackEndEvent
  | JsPromiseReactionEvent
  | JsTimerEvent
  | JsIoEvent
  | JsLogEvent
  | JsLimitEvent;
