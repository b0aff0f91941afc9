/**
 * `traceJs(program)`: runs real JavaScript on Deno's own event loop with its
 * scheduling functions instrumented, and returns a trace that `loopPlayer`
 * plays. Every callback the program hands over is wrapped so that the trace
 * knows when it was scheduled, where, and when it ran.
 *
 * @module
 */
import type { JsTraceEvent } from "./js_trace_event.ts";

/** Options of {@link traceJs}. */
export interface TraceJsOptions {
  /** Also print what the program logs (default `true`); the trace keeps it either way. */
  echo?: boolean;
  /** Stop recording after this many events (default 50,000). */
  maxSteps?: number;
  /** Give up waiting for timers, messages and fetches after this many ms (default 10,000). */
  timeLimitMs?: number;
}

/** What {@link traceJs} returns; `loopPlayer` plays it. */
export interface JsTrace {
  /** Tells `loopPlayer` to use Deno's words (microtask queue, timers). */
  flavor: "js";
  /** The steps, in the order they happened. */
  events: JsTraceEvent[];
  /** Every line the program printed with `console.log`, in order. */
  console: string[];
  /** What the trace cannot see, in words (it says so instead of guessing). */
  unseen: string[];
}

/** What the instrumentation cannot see, whatever the program. */
const UNSEEN = [
  "`await` on a native promise: V8 queues its continuation without calling `then`, so the " +
  "continuation is not a step of its own; what it prints still appears, in order",
  "the moment a promise settles (V8's promise internals): a reaction shows as waiting until it runs",
  "Deno's own work other than fetch, timers and MessageChannel (files, sockets, Workers)",
];

// An event before it gets its time (distributes over the union).
type Untimed<E> = E extends unknown ? Omit<E, "loopTime" | "realTime"> : never;

const HERE = import.meta.url;
let tracing = false;

// "at fn (file:///a/b/c.ts:3:5)" -> "c.ts:3:5"; the first frame outside this file.
function callerLocation(): string | null {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  for (const line of lines) {
    if (line.includes(HERE)) continue;
    const match = /((?:file|https?|ext):\/\/[^\s)]+|\$deno\$[^\s)]+):(\d+):(\d+)/.exec(line);
    if (match) return `${match[1].split("/").pop()}:${match[2]}:${match[3]}`;
    return null;
  }
  return null;
}

function nameOf(fn: unknown): string {
  return (typeof fn === "function" && fn.name) || "anonymous";
}

/**
 * Runs `program` with `queueMicrotask`, promise reactions (`then`, `catch`,
 * `finally`), `setTimeout`/`setInterval`, `MessageChannel` and `fetch`
 * instrumented, waits until nothing it scheduled is pending, and returns the
 * trace. The callbacks run on Deno's real loop, in Deno's order: only
 * recording is added. One trace at a time.
 *
 * @param program An (async) function: the program to watch.
 * @param options `echo`, `maxSteps`, `timeLimitMs`.
 * @returns The trace, the printed lines and what the trace cannot see.
 * @throws {Error} If another `traceJs` is running.
 * @example
 * ```ts
 * import { traceJs } from "@course/lib";
 * const trace = await traceJs(() => {
 *   setTimeout(() => console.log("timeout"), 0);
 *   queueMicrotask(() => console.log("microtask"));
 *   console.log("sync");
 * }, { echo: false });
 * console.log(trace.console); // ["sync", "microtask", "timeout"]
 * ```
 */
export async function traceJs(
  program: () => unknown,
  options: TraceJsOptions = {},
): Promise<JsTrace> {
  if (typeof program !== "function") {
    throw new TypeError("traceJs: pass a function, e.g. traceJs(async () => { ... })");
  }
  if (tracing) throw new Error("traceJs: another traceJs is running; await it first");
  tracing = true;
  const echo = options.echo ?? true;
  const maxSteps = options.maxSteps ?? 50_000;
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const events: JsTraceEvent[] = [];
  const printed: string[] = [];
  const t0 = performance.now();
  const now = () => (performance.now() - t0) / 1000;
  let nextId = 1;
  let full = false;

  const record = (event: Untimed<JsTraceEvent>): void => {
    if (full) return;
    const t = now();
    if (events.length >= maxSteps) {
      full = true;
      events.push({
        kind: "limit",
        text: `recording stopped after ${maxSteps} steps`,
        loopTime: t,
        realTime: t,
      });
      return;
    }
    events.push({ ...event, loopTime: t, realTime: t } as JsTraceEvent);
  };
  // Runs a wrapped callback between its callback and callback-end events.
  const run = <A extends unknown[], R>(id: number, via: string, fn: (...a: A) => R, args: A): R => {
    const name = nameOf(fn);
    record({ kind: "callback", name, id, via });
    try {
      return fn(...args);
    } finally {
      record({ kind: "callback-end", name, id });
    }
  };

  const original = {
    log: console.log,
    queueMicrotask: globalThis.queueMicrotask,
    then: Promise.prototype.then,
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
    fetch: globalThis.fetch,
    MessageChannel: globalThis.MessageChannel,
    postMessage: MessagePort.prototype.postMessage,
    addEventListener: MessagePort.prototype.addEventListener,
    onmessage: Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage"),
  };
  const promiseIds = new WeakMap<object, number>();
  const timers = new Map<unknown, { id: number; when: number; name: string }>();
  const pendingIo = new Set<number>();
  const partners = new WeakMap<MessagePort, MessagePort>();
  const inFlight = new WeakMap<MessagePort, number[]>();
  const eventIds = new WeakMap<Event, number>();

  console.log = (...args: unknown[]) => {
    const text = args.map((a) => typeof a === "string" ? a : Deno.inspect(a)).join(" ");
    printed.push(text);
    record({ kind: "log", text });
    if (echo) original.log.apply(console, args);
  };

  globalThis.queueMicrotask = (callback: VoidFunction) => {
    const id = nextId++;
    record({
      kind: "ready-scheduled",
      name: nameOf(callback),
      taskId: null,
      id,
      where: callerLocation(),
    });
    original.queueMicrotask(() => run(id, "microtask", callback, []));
  };

  // deno-lint-ignore no-explicit-any
  (Promise.prototype as any).then = function (
    this: Promise<unknown>,
    onFulfilled?: ((value: unknown) => unknown) | null,
    onRejected?: ((reason: unknown) => unknown) | null,
  ) {
    const id = nextId++;
    let promise = promiseIds.get(this);
    if (promise === undefined) promiseIds.set(this, promise = nextId++);
    const handler = onFulfilled ?? onRejected;
    record({
      kind: "promise-reaction",
      name: typeof handler === "function" ? nameOf(handler) : "(passes it on)",
      on: `Promise #${promise}`,
      id,
      where: callerLocation(),
    });
    // Missing handlers become explicit pass-throughs: the same outcome, and the reaction is seen.
    const fulfilled = typeof onFulfilled === "function" ? onFulfilled : (v: unknown) => v;
    const rejected = typeof onRejected === "function" ? onRejected : (e: unknown) => {
      throw e;
    };
    return original.then.call(
      this,
      (value) => run(id, "then", fulfilled, [value]),
      (reason) => run(id, "then", rejected, [reason]),
    );
  };

  const startTimer = (
    repeat: boolean,
    callback: (...args: unknown[]) => void,
    delay = 0,
    ...args: unknown[]
  ): ReturnType<typeof setTimeout> => {
    if (typeof callback !== "function") {
      throw new TypeError("traceJs: setTimeout/setInterval need a function");
    }
    const id = nextId++;
    const ms = Math.max(0, Number(delay) || 0);
    const name = nameOf(callback);
    const where = callerLocation();
    let when = now() + ms / 1000;
    record({ kind: "timer-scheduled", when, name, id, where });
    const fire = () => {
      record({ kind: "timer-fired", when, name, id });
      if (repeat) {
        when = now() + ms / 1000;
        record({ kind: "timer-scheduled", when, name, id, where });
        timers.get(handle)!.when = when;
      } else timers.delete(handle);
      run(id, repeat ? "interval" : "timer", callback, args);
    };
    const handle = repeat ? original.setInterval(fire, ms) : original.setTimeout(fire, ms);
    timers.set(handle, { id, when, name });
    return handle;
  };
  const clearTimer = (handle?: ReturnType<typeof setTimeout>) => {
    const timer = timers.get(handle);
    if (timer !== undefined) {
      timers.delete(handle);
      record({ kind: "timer-cancelled", when: timer.when, name: timer.name, id: timer.id });
    }
    original.clearTimeout(handle);
  };
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  g.setTimeout = (cb: () => void, delay?: number, ...args: unknown[]) =>
    startTimer(false, cb, delay, ...args);
  g.setInterval = (cb: () => void, delay?: number, ...args: unknown[]) =>
    startTimer(true, cb, delay, ...args);
  g.clearTimeout = clearTimer;
  g.clearInterval = clearTimer;

  g.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const id = nextId++;
    const url = input instanceof Request ? input.url : String(input);
    const name = `fetch ${url}`;
    record({ kind: "io-pending", phase: "start", name, id, where: callerLocation() });
    pendingIo.add(id);
    const response = original.fetch(input, init);
    const done = () => {
      pendingIo.delete(id);
      record({ kind: "io-pending", phase: "end", name, id, where: null });
    };
    original.then.call(response, done, done);
    return response;
  };

  g.MessageChannel = function MessageChannel() {
    const channel = new original.MessageChannel();
    partners.set(channel.port1, channel.port2);
    partners.set(channel.port2, channel.port1);
    return channel;
  };
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
    const to = partners.get(this);
    if (to !== undefined) {
      const id = nextId++;
      pendingIo.add(id);
      inFlight.set(to, [...(inFlight.get(to) ?? []), id]);
      record({ kind: "io-pending", phase: "start", name: "message", id, where: callerLocation() });
    }
    // deno-lint-ignore no-explicit-any
    return (original.postMessage as any).apply(this, args);
  };
  // The id of the message an event delivers: taken once per event, whatever the listeners.
  const messageId = (port: MessagePort, event: Event): number | undefined => {
    if (!eventIds.has(event)) {
      const id = inFlight.get(port)?.shift();
      if (id === undefined) return undefined;
      eventIds.set(event, id);
      pendingIo.delete(id);
      record({ kind: "io-pending", phase: "end", name: "message", id, where: null });
    }
    return eventIds.get(event);
  };
  const wrapListener = (port: MessagePort, listener: (event: MessageEvent) => unknown) =>
    function (this: unknown, event: MessageEvent) {
      const id = messageId(port, event);
      if (id === undefined) return listener.call(this, event);
      return run(id, "message", listener.bind(this), [event]);
    };
  MessagePort.prototype.addEventListener = function (
    this: MessagePort,
    type: string,
    listener: unknown,
    ...rest: unknown[]
  ) {
    const wrapped = type === "message" && typeof listener === "function"
      ? wrapListener(this, listener as (event: MessageEvent) => unknown)
      : listener;
    // deno-lint-ignore no-explicit-any
    return (original.addEventListener as any).call(this, type, wrapped, ...rest);
  };
  if (original.onmessage?.set) {
    Object.defineProperty(MessagePort.prototype, "onmessage", {
      ...original.onmessage,
      set(this: MessagePort, listener: unknown) {
        original.onmessage!.set!.call(
          this,
          typeof listener === "function"
            ? wrapListener(this, listener as (event: MessageEvent) => unknown)
            : listener,
        );
      },
    });
  }

  const restore = () => {
    console.log = original.log;
    globalThis.queueMicrotask = original.queueMicrotask;
    Promise.prototype.then = original.then;
    Object.assign(g, {
      setTimeout: original.setTimeout,
      setInterval: original.setInterval,
      clearTimeout: original.clearTimeout,
      clearInterval: original.clearInterval,
      fetch: original.fetch,
      MessageChannel: original.MessageChannel,
    });
    MessagePort.prototype.postMessage = original.postMessage;
    MessagePort.prototype.addEventListener = original.addEventListener;
    if (original.onmessage) {
      Object.defineProperty(MessagePort.prototype, "onmessage", original.onmessage);
    }
    tracing = false;
  };

  try {
    try {
      await program();
    } catch (error) {
      record({ kind: "limit", text: `the program threw: ${error}` });
      throw error;
    }
    // Deno keeps running while timers, messages or fetches are pending: so do we.
    const deadline = performance.now() + timeLimitMs;
    while (timers.size > 0 || pendingIo.size > 0) {
      if (performance.now() > deadline) {
        record({
          kind: "limit",
          text: `stopped after ${timeLimitMs} ms with ${timers.size} timer(s) and ` +
            `${pendingIo.size} message(s) or fetch(es) pending; the timers were cleared`,
        });
        for (const handle of timers.keys()) {
          original.clearTimeout(handle as ReturnType<typeof setTimeout>);
        }
        break;
      }
      await new Promise((resolve) => original.setTimeout(resolve, 1));
    }
    // Microtasks queued by the last callbacks run before this macrotask.
    await new Promise((resolve) => original.setTimeout(resolve, 0));
  } finally {
    restore();
  }
  return { flavor: "js", events, console: printed, unseen: UNSEEN };
}
