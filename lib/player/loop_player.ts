/**
 * `loopPlayer(trace)`: step through a loop's run in the notebook. Back,
 * forward, play at a chosen speed, a scrubber and the arrow keys; at every
 * step the ready queue, the timers, who waits for what, the watched sockets
 * and pending I/O, the clock and what runs now.
 *
 * @module
 */
import { z } from "zod";
import { EventLoop } from "../loop/event_loop.ts";
import { applyStep, emptyLoopView, type PlayerEvent } from "./loop_view.ts";
import type { JsTrace } from "./trace_js.ts";
import { stepsStrip } from "./steps_strip.ts";
import { playerHtml } from "./player_html.ts";

/** Options of {@link loopPlayer}. */
export interface LoopPlayerOptions {
  /** A heading over the player. */
  title?: string;
  /** Steps before the window: the player shows steps `from + 1` onwards (default 0). */
  from?: number;
  /** The most steps in the window (default 10,000); longer traces are windowed with a note. */
  maxSteps?: number;
  /** The step the player opens at (default: the window's start). */
  open?: number;
  /**
   * Draw the SVG strip of the steps inside the player (default `true`). Leave it out where
   * the player sits folded away, as in a check card: a folded chart has no size.
   */
  strip?: boolean;
}

/** The MIME bundle a player displays. */
export interface LoopPlayerBundle {
  /** The interactive player (with the SVG strip inside, for where scripts do not run). */
  "text/html": string;
  /** The strip on its own. */
  "image/svg+xml": string;
  /** A summary in words. */
  "text/plain": string;
}

const KNOWN_KINDS = [
  "callback",
  "task-step",
  "timer-scheduled",
  "timer-fired",
  "io-wait",
  "time-jump",
  "ready-scheduled",
  "timer-cancelled",
  "task-wait",
  "sync-wait",
  "callback-skipped",
  "socket-watch",
  "callback-end",
  "promise-reaction",
  "io-pending",
  "log",
  "limit",
  "snapshot",
] as const;

/** The shape every step must have; the rest is checked by the kinds' own types. */
const StepSchema = z.looseObject({ kind: z.enum(KNOWN_KINDS), loopTime: z.number() });

/**
 * A player ready to display: the last value of a cell shows it.
 *
 * @example
 * ```ts
 * import { EventLoop, loopPlayer, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual", trace: true });
 * await loop.runUntilComplete(sleep(1));
 * console.log(loopPlayer(loop).steps); // 13
 * ```
 */
export class LoopPlayer {
  /**
   * Wraps what the player renders.
   * @param html The player fragment.
   * @param svg The static strip.
   * @param text The summary.
   * @param steps How many steps the whole trace has.
   */
  constructor(
    readonly html: string,
    readonly svg: string,
    readonly text: string,
    readonly steps: number,
  ) {}

  /**
   * What Deno's Jupyter kernel displays.
   * @returns HTML, SVG and plain text.
   */
  [Symbol.for("Jupyter.display")](): LoopPlayerBundle {
    return { "text/html": this.html, "image/svg+xml": this.svg, "text/plain": this.text };
  }

  /**
   * The summary, for printing outside Jupyter.
   * @returns The plain-text summary.
   */
  toString(): string {
    return this.text;
  }
}

function isJsTrace(trace: unknown): trace is JsTrace {
  return typeof trace === "object" && trace !== null && (trace as JsTrace).flavor === "js";
}

function eventsOf(trace: readonly PlayerEvent[] | EventLoop | JsTrace): PlayerEvent[] {
  if (trace instanceof EventLoop) {
    const events = trace.trace({ queues: true });
    if (events.length === 0) {
      throw new TypeError(
        "loopPlayer: this loop recorded no steps; make it with new EventLoop({ trace: true })",
      );
    }
    return events;
  }
  if (isJsTrace(trace)) return trace.events;
  if (!Array.isArray(trace)) {
    throw new TypeError(
      "loopPlayer: pass a loop made with { trace: true }, loop.trace({ queues: true }), or traceJs(...)",
    );
  }
  trace.forEach((event, i) => {
    const checked = StepSchema.safeParse(event);
    if (!checked.success) {
      throw new TypeError(
        `loopPlayer: step ${i + 1} is not a trace event (${checked.error.issues[0].message}): ${
          JSON.stringify(event)?.slice(0, 80)
        }`,
      );
    }
  });
  const ran = trace.some((e) => e.kind === "callback" || e.kind === "task-step");
  // A loop's trace without them: every task step and callback joined the ready queue unseen.
  if (ran && !trace.some((e) => e.kind === "ready-scheduled" || e.kind === "callback-end")) {
    throw new TypeError(
      "loopPlayer: this trace has no queue events, so the queues cannot be shown; " +
        "pass loop.trace({ queues: true }) or the loop itself",
    );
  }
  return trace as PlayerEvent[];
}

/**
 * A step-through player for a loop's trace, shown by the notebook as one
 * self-contained `text/html` output (with a static SVG strip and plain text
 * where scripts do not run). Several players on a page are independent.
 *
 * @param trace The loop itself (made with `{ trace: true }`), its
 *   `loop.trace({ queues: true })`, or what `traceJs` returned.
 * @param options `title`, the window (`from`, `maxSteps`) and the step to `open` at.
 * @returns The player; make it a cell's last value to show it.
 * @throws {TypeError} If the trace is not one (with what to pass instead).
 * @example
 * ```ts
 * import { EventLoop, loopPlayer, sleep } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual", trace: true });
 * loop.createTask(sleep(1), { name: "napper" });
 * await loop.runUntilComplete(sleep(2));
 * const player = loopPlayer(loop, { title: "a nap" });
 * console.log(player.text.split("\n")[0]); // "a nap: 24 steps, t = 0 to 2 s"
 * ```
 */
export function loopPlayer(
  trace: readonly PlayerEvent[] | EventLoop | JsTrace,
  options: LoopPlayerOptions = {},
): LoopPlayer {
  const events = eventsOf(trace);
  const flavor = isJsTrace(trace) || events.some((e) => e.kind === "callback-end") ? "js" : "loop";
  const maxSteps = Math.max(1, Math.floor(options.maxSteps ?? 10_000));
  const from = Math.max(0, Math.min(Math.floor(options.from ?? 0), events.length - 1));
  const window = events.slice(from, from + maxSteps);
  const start = emptyLoopView();
  for (let i = 0; i < from; i++) applyStep(start, events[i]);
  const title = options.title ?? (flavor === "js" ? "Deno's event loop" : "the event loop");
  const first = from + 1;
  const last = from + window.length;
  const note = window.length < events.length
    ? `This trace has ${events.length} steps; the player holds steps ${first} to ${last}. ` +
      `Pass { from: ${
        last < events.length ? last : Math.max(0, from - maxSteps)
      } } to loopPlayer for the ${last < events.length ? "next" : "previous"} ones.`
    : "";
  const strip = stepsStrip(window, { first });
  const open = Math.max(0, Math.min((options.open ?? from) - from, window.length));
  const end = events.at(-1);
  const finalView = emptyLoopView();
  for (const event of events) applyStep(finalView, event);
  const text = [
    `${title}: ${events.length} steps, t = 0 to ${+(end?.loopTime ?? 0).toFixed(6)} s`,
    `at the end: ready ${finalView.ready.length}, timers ${finalView.timers.length}, ` +
    `waiting ${finalView.waiting.length}` +
    (finalView.log.length > 0 ? `; printed: ${finalView.log.join(" | ")}` : ""),
    ...(note ? [note] : []),
  ].join("\n");
  const html = playerHtml({
    title,
    // realTime is not shown: leaving it out makes a 10,000-step page a fifth smaller.
    data: {
      events: window.map(({ realTime: _, ...rest }) => rest as PlayerEvent),
      start,
      open,
      flavor,
    },
    first,
    total: events.length,
    svg: options.strip === false ? "" : strip.svg,
    note,
  });
  return new LoopPlayer(html, strip.svg, text, events.length);
}
