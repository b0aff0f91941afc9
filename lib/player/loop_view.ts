/**
 * What a loop looks like after each step of its trace, worked out from the
 * trace alone: the ready queue, the timers, who waits for what, the watched
 * sockets, the pending outside work, the clock and what runs now.
 *
 * {@link applyStep} is the whole rule book. It uses nothing from outside its
 * own body, so `loopPlayer` ships its source text to the browser, and the
 * player in the notebook steps with the very function the tests check.
 *
 * @module
 */
import type { QueueTraceEvent } from "../loop/trace.ts";
import type { JsTraceEvent } from "./js_trace_event.ts";
import type { SnapshotEvent } from "./snapshot_recorder.ts";

/**
 * One step a player can show: an event of `loop.trace({ queues: true })`, of
 * `traceJs`, or a snapshot of another loop's state (`SnapshotRecorder`).
 */
export type PlayerEvent = QueueTraceEvent | JsTraceEvent | SnapshotEvent;

/** Something waiting in a queue: a callback, a task step or a microtask. */
export interface QueueItem {
  /** What will run: a callback's name, or `task <name>` for a task step. */
  name: string;
  /** Identity, where the trace has one (task id, traceJs callback id); else `null`. */
  id: number | null;
  /** Where it was scheduled in the source (`file:line:col`), where known. */
  where: string | null;
}

/** A timer that has not fired yet. */
export interface TimerItem {
  /** Its deadline in loop seconds. */
  when: number;
  /** The callback's name. */
  name: string;
  /** Identity, where the trace has one (traceJs timer id); else `null`. */
  id: number | null;
  /** Order of scheduling: equal deadlines fire in this order. */
  seq: number;
  /** Where it was scheduled, where known. */
  where: string | null;
}

/** A task (or a promise reaction) waiting for something to finish. */
export interface WaitItem {
  /** The task's name, or the reaction's callback name. */
  task: string;
  /** What it waits for, e.g. `Future #4`, `task fetcher`, `Promise #2`. */
  on: string;
  /** The task id or the reaction id. */
  id: number | null;
  /** Where the wait began, where known. */
  where: string | null;
}

/** The loop after some steps of a trace. */
export interface LoopView {
  /** How many events have been applied (0: before the first one). */
  step: number;
  /** The loop's clock in seconds. */
  time: number;
  /** What runs now (`task main`, a callback's name), or `null` between steps. */
  running: string | null;
  /** Where the running thing was scheduled, where known. */
  where: string | null;
  /** One line: what the last step did. */
  note: string;
  /** The ready queue (the microtask queue for `traceJs`), first to run first. */
  ready: QueueItem[];
  /** Timers not yet due, earliest first. */
  timers: TimerItem[];
  /** Tasks waiting for a future, and promise reactions waiting for a promise. */
  waiting: WaitItem[];
  /** Sockets a task watches, e.g. `TcpSocket #3 (read)`. */
  sockets: string[];
  /** Outside work under way: an idle wait, a `fetch`, a message in flight. */
  io: QueueItem[];
  /** Lines the program printed (`traceJs` only). */
  log: string[];
  /** Scheduling counter for {@link TimerItem.seq}. */
  seq: number;
}

/**
 * A loop before its first step: nothing queued, clock at 0.
 *
 * @returns A fresh view.
 * @example
 * ```ts
 * import { emptyLoopView } from "@course/lib";
 * console.log(emptyLoopView().ready); // []
 * ```
 */
export function emptyLoopView(): LoopView {
  return {
    step: 0,
    time: 0,
    running: null,
    where: null,
    note: "before the first step",
    ready: [],
    timers: [],
    waiting: [],
    sockets: [],
    io: [],
    log: [],
    seq: 0,
  };
}

/**
 * Applies one trace event to a view, in place: the rules by which the loop's
 * queues change. Self-contained (the browser player runs its source text).
 *
 * @param view The view after the previous step; changed in place.
 * @param event The next event.
 * @returns Nothing.
 * @example
 * ```ts
 * import { applyStep, emptyLoopView } from "@course/lib";
 * const view = emptyLoopView();
 * applyStep(view, { kind: "ready-scheduled", name: "hello", taskId: null, loopTime: 0, realTime: 0 });
 * applyStep(view, { kind: "callback", name: "hello", loopTime: 0, realTime: 0 });
 * console.log(view.running, view.ready.length); // "hello" 0
 * ```
 */
export function applyStep(view: LoopView, event: PlayerEvent): void {
  // Removes the item with this id, or (no id) the first one; returns it.
  const take = <T extends { id: number | null }>(list: T[], id: number | null | undefined) => {
    const i = id === null || id === undefined ? 0 : list.findIndex((item) => item.id === id);
    return i >= 0 && i < list.length ? list.splice(i, 1)[0] : undefined;
  };
  const where = "where" in event && typeof event.where === "string" ? event.where : null;
  const id = "id" in event && typeof event.id === "number" ? event.id : null;
  view.step++;
  view.time = event.loopTime;
  switch (event.kind) {
    case "ready-scheduled": {
      const isTask = event.taskId !== null;
      const name = isTask ? `task ${event.name}` : event.name;
      view.ready.push({ name, id: isTask ? event.taskId : id, where });
      if (isTask) take(view.waiting, event.taskId);
      view.note = `${name} joins the ${id === null ? "ready" : "microtask"} queue`;
      break;
    }
    case "callback": {
      const from = id === null
        ? take(view.ready, null)
        : take(view.ready, id) ?? take(view.waiting, id) ?? take(view.io, id);
      view.running = event.name;
      view.where = from?.where ?? where;
      view.note = `runs ${event.name}`;
      break;
    }
    case "callback-end":
      view.running = null;
      view.where = null;
      view.note = `${event.name} returns`;
      break;
    case "callback-skipped":
      take(view.ready, null);
      view.running = null;
      view.note = "drops a cancelled callback";
      break;
    case "task-step":
      if (event.phase === "start") {
        take(view.ready, null);
        view.running = `task ${event.task}`;
        view.where = null;
        view.note = `task ${event.task} runs a step`;
      } else {
        view.running = null;
        view.note = `task ${event.task} ${
          event.outcome === "suspended" ? "pauses" : `ends: ${event.outcome}`
        }`;
      }
      break;
    case "task-wait":
      view.waiting.push({ task: event.task, on: event.on, id: event.taskId, where: null });
      view.note = `task ${event.task} waits for ${event.on}`;
      break;
    case "promise-reaction":
      view.waiting.push({ task: event.name, on: event.on, id: event.id, where });
      view.note = `${event.name} waits for ${event.on}`;
      break;
    case "timer-scheduled": {
      const timer = { when: event.when, name: event.name, id, seq: view.seq++, where };
      const at = view.timers.findIndex((t) => t.when > timer.when);
      view.timers.splice(at < 0 ? view.timers.length : at, 0, timer);
      view.note = `timer ${event.name} set for ${+event.when.toFixed(6)} s`;
      break;
    }
    case "timer-fired":
    case "timer-cancelled": {
      const i = view.timers.findIndex((t) =>
        id !== null ? t.id === id : t.when === event.when && t.name === event.name
      );
      const timer = i >= 0 ? view.timers.splice(i, 1)[0] : undefined;
      if (event.kind === "timer-cancelled") view.note = `timer ${event.name} is cancelled`;
      else if (id === null) {
        view.ready.push({ name: event.name, id, where: timer?.where ?? null });
        view.note = `timer ${event.name} is due: it joins the ready queue`;
      } else {
        // Deno runs a due timer as a task (macrotask) of its own, not via the microtask queue.
        view.io.push({ name: `timer ${event.name} is due`, id, where: timer?.where ?? null });
        view.note = `timer ${event.name} is due: Deno runs it as a task of its own`;
      }
      break;
    }
    case "time-jump":
      view.running = null;
      view.note = `nothing is ready: the clock jumps from ${+event.from.toFixed(6)} s`;
      break;
    case "io-wait":
      view.running = null;
      if (event.phase === "start") {
        view.io.push({ name: "the loop waits for I/O", id: -1, where: null });
        view.note = event.timeout === null
          ? "nothing is ready: the loop waits until woken"
          : `nothing is ready: the loop waits up to ${+event.timeout.toFixed(6)} s`;
      } else {
        take(view.io, -1);
        view.note = "the wait is over";
      }
      break;
    case "io-pending":
      if (event.phase === "start") {
        view.io.push({ name: event.name, id, where });
        view.note = `${event.name} is under way outside JavaScript`;
      } else {
        take(view.io, id);
        view.note = `${event.name} is done`;
      }
      break;
    case "socket-watch": {
      const label = `${event.socket} (${event.events})`;
      if (event.phase === "start") view.sockets.push(label);
      else {
        const i = view.sockets.indexOf(label);
        if (i >= 0) view.sockets.splice(i, 1);
      }
      view.note = `${event.phase === "start" ? "watches" : "stops watching"} ${label}`;
      break;
    }
    case "sync-wait": // the task-wait / ready-scheduled events move the task; this names why
      view.note = event.phase === "start"
        ? `task ${event.task} waits on ${event.primitive}`
        : `task ${event.task} is through ${event.primitive}`;
      break;
    case "log":
      view.log.push(event.text);
      view.note = `prints ${JSON.stringify(event.text)}`;
      break;
    case "limit":
      view.note = event.text;
      break;
    case "snapshot": // a loop that records no trace: its whole state, as read
      view.running = event.running;
      view.where = null;
      view.note = event.note;
      view.ready = event.ready.map((name) => ({ name, id: null, where: null }));
      view.timers = event.timers.map((t, i) => ({ ...t, id: null, seq: i, where: null }));
      view.waiting = event.waiting.map((w) => ({ ...w, id: null, where: null }));
      break;
  }
}

/**
 * A deep copy of a view (the player keeps copies as checkpoints).
 *
 * @param view A view.
 * @returns An independent copy.
 * @example
 * ```ts
 * import { cloneLoopView, emptyLoopView } from "@course/lib";
 * const copy = cloneLoopView(emptyLoopView());
 * copy.log.push("only in the copy");
 * ```
 */
export function cloneLoopView(view: LoopView): LoopView {
  return {
    ...view,
    ready: view.ready.slice(),
    timers: view.timers.slice(),
    waiting: view.waiting.slice(),
    sockets: view.sockets.slice(),
    io: view.io.slice(),
    log: view.log.slice(),
  };
}

/**
 * The view after every step: element `n` is the loop after `n` events
 * (element 0 is before the first one).
 *
 * @param events A trace from `loop.trace({ queues: true })` or `traceJs`.
 * @returns `events.length + 1` views.
 * @example
 * ```ts
 * import { EventLoop, loopViews, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual", trace: true });
 * await loop.runUntilComplete(sleep(1));
 * const views = loopViews(loop.trace({ queues: true }));
 * console.log(views[3].timers); // [{ when: 1, name: "wakeSleeper", ... }]
 * ```
 */
export function loopViews(events: readonly PlayerEvent[]): LoopView[] {
  const views = [emptyLoopView()];
  let view = emptyLoopView();
  for (const event of events) {
    view = cloneLoopView(view);
    applyStep(view, event);
    views.push(view);
  }
  return views;
}

/**
 * The view after the first `step` events.
 *
 * @param events A trace.
 * @param step How many events to apply (clamped to the trace's length).
 * @returns The view.
 * @example
 * ```ts
 * import { loopViewAt } from "@course/lib";
 * console.log(loopViewAt([], 5).step); // 0
 * ```
 */
export function loopViewAt(events: readonly PlayerEvent[], step: number): LoopView {
  const view = emptyLoopView();
  const end = Math.max(0, Math.min(step, events.length));
  for (let i = 0; i < end; i++) applyStep(view, events[i]);
  return view;
}
