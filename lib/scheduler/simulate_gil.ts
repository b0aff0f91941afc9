/**
 * `simulateGil`: threads in processes, each process with one Global Interpreter Lock.
 *
 * The model, close to CPython 3's "new GIL":
 * - A thread runs a CPU step only while it holds its process's GIL and a core.
 *   At most `cores` threads compute at once, across all processes.
 * - The GIL is released for I/O (I/O runs off the CPU, all in parallel) and
 *   retaken afterwards to go on computing.
 * - A thread that has held the GIL for `switchInterval` ms while another thread
 *   has been waiting that long must drop it (CPython's `sys.getswitchinterval()`,
 *   5 ms); the longest waiter takes it, the dropper queues behind.
 * - The OS's time slice is modelled by the same rule: a thread waiting for a core
 *   (its GIL free, every core busy) makes the running thread give way too.
 * - Ties go to the thread that has waited longest, then to the one listed first.
 *
 * Each process has its own GIL, which is why multiprocessing gives CPython
 * parallelism and threads do not.
 *
 * @module
 */
import type { SchemaInput } from "../_package_types.ts";
import { z } from "zod";
import { validate } from "./_validate.ts";
import { rejectDuplicateNames, type Step, stepSchema, toStep } from "./_steps.ts";

/**
 * The input of `simulateGil`.
 *
 * @example
 * ```ts
 * import { gilInputSchema } from "@course/lib/scheduler/mod.ts";
 * const input = gilInputSchema.parse({ cores: 2, threads: [{ name: "T", process: "p", steps: [{ cpu: 1 }] }] });
 * console.log(input.switchInterval); // 5
 * ```
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const gilInputSchema = z.object({
  cores: z.number().int().positive(),
  switchInterval: z.number().positive().default(5),
  threads: z.array(
    z.object({
      name: z.string().min(1),
      process: z.string().min(1),
      steps: z.array(stepSchema).min(1, "a thread needs at least one step"),
    }).strict(),
  ).min(1, "give at least one thread"),
}).strict().superRefine((input, ctx) => rejectDuplicateNames(input.threads, "threads", ctx));

/** What a caller passes to `simulateGil`. */
export type GilInput = SchemaInput<typeof gilInputSchema>;

/** One interval of a GIL timeline. */
export interface GilSlice {
  /** The thread's name. */
  thread: string;
  /** The process it belongs to: one interpreter, so one GIL, per process name. */
  process: string;
  /** The core it computed on (`cpu` slices only). */
  core?: number;
  /**
   * `cpu`: computing, holding the GIL; `io`: in a system call, GIL released;
   * `wait-gil`: ready to compute, but a sibling holds the GIL;
   * `wait-core`: the GIL is free but every core is busy with other processes.
   */
  kind: "cpu" | "io" | "wait-gil" | "wait-core";
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
  /** True on a `cpu` slice that ended because the switch interval forced the GIL away. */
  preempted?: boolean;
}

/** What `simulateGil` returns. */
export interface GilResult {
  /** Time from 0 until the last thread finished, ms. */
  makespan: number;
  /** Every slice, by start time then thread order. */
  timeline: GilSlice[];
  /** Per thread: when it finished and how long it waited for the GIL or a core. */
  threads: Record<string, { completion: number; waited: number }>;
}

const EPS = 1e-9;

interface Thread {
  name: string;
  process: string;
  index: number;
  steps: Step[];
  step: number;
  left: number;
  state: "waiting" | "running" | "io" | "done";
  /** Running: since when (and on which core); waiting: since when; io: until when. */
  since: number;
  core: number;
  until: number;
  /** When it took the GIL: the switch interval counts from here, across consecutive CPU steps. */
  heldSince: number;
  waitKind?: "wait-gil" | "wait-core";
  waitStart: number;
  waited: number;
  completion: number;
}

/**
 * Simulates CPython-style threads and processes sharing cores under per-process GILs.
 *
 * @param input Cores, switch interval (ms, default 5) and threads, each
 *   `{ name, process, steps: [{ cpu: ms } | { io: ms }, ...] }`.
 * @returns The makespan, the timeline (cpu, io and wait slices) and per-thread times.
 * @throws {TypeError} When the input is malformed.
 * @example
 * ```ts
 * import { simulateGil } from "@course/lib/scheduler/mod.ts";
 * const { makespan } = simulateGil({
 *   cores: 2,
 *   threads: [
 *     { name: "T1", process: "python", steps: [{ cpu: 50 }] },
 *     { name: "T2", process: "python", steps: [{ cpu: 50 }] },
 *   ],
 * });
 * console.log(makespan); // 100: two cores, but one GIL
 * ```
 */
export function simulateGil(input: GilInput): GilResult {
  const { cores, switchInterval, threads: spec } = validate("simulateGil", gilInputSchema, input);
  const timeline: GilSlice[] = [];
  const threads: Thread[] = spec.map((t, index) => {
    return {
      name: t.name,
      process: t.process,
      index,
      steps: t.steps.map(toStep),
      step: -1,
      left: 0,
      state: "waiting",
      since: 0,
      core: -1,
      until: 0,
      heldSince: 0,
      waitStart: 0,
      waited: 0,
      completion: 0,
    };
  });
  const gilHolder = new Map<string, Thread>();
  const coreUser: (Thread | null)[] = Array(cores).fill(null);
  let now = 0;

  const slice = (
    t: Thread,
    kind: GilSlice["kind"],
    start: number,
    extra: Partial<GilSlice> = {},
  ) => {
    if (now - start > EPS) {
      timeline.push({ thread: t.name, process: t.process, kind, start, end: now, ...extra });
    }
  };
  const endWait = (t: Thread) => {
    if (t.waitKind) slice(t, t.waitKind, t.waitStart);
    t.waitKind = undefined;
  };
  const release = (t: Thread) => {
    gilHolder.delete(t.process);
    coreUser[t.core] = null;
    t.core = -1;
  };
  /** Moves `t` to its next step (or finishes it). */
  const advance = (t: Thread) => {
    t.step++;
    const step = t.steps[t.step];
    if (!step) {
      t.state = "done";
      t.completion = now;
    } else if (step.kind === "io") {
      t.state = "io";
      t.until = now + step.length;
      timeline.push({ thread: t.name, process: t.process, kind: "io", start: now, end: t.until });
    } else {
      t.left = step.length;
      if (t.state !== "running") (t.state = "waiting", t.since = now);
    }
  };
  /** Threads that want what `r` holds: its GIL, or (if no core is free) its core. */
  const contenders = (r: Thread) => {
    const coreFree = coreUser.includes(null);
    return threads.filter((t) =>
      t.state === "waiting" &&
      (t.process === r.process || (!coreFree && !gilHolder.has(t.process)))
    );
  };
  const deadline = (r: Thread) => {
    const rivals = contenders(r);
    if (rivals.length === 0) return Infinity;
    return Math.max(r.heldSince, Math.min(...rivals.map((t) => t.since))) + switchInterval;
  };

  for (const t of threads) advance(t);
  while (threads.some((t) => t.state !== "done")) {
    // 1. CPU steps that end now.
    for (const t of threads) {
      if (t.state === "running" && t.left - (now - t.since) <= EPS) {
        slice(t, "cpu", t.since, { core: t.core });
        const next = t.steps[t.step + 1];
        if (next?.kind === "cpu") {
          // Straight on to more computing: keep the GIL and the core.
          t.since = now;
          advance(t);
          continue;
        }
        release(t);
        t.state = "waiting"; // left only for a moment: advance() sets io or done
        advance(t);
      }
    }
    // 2. I/O that ends now: the thread wants its GIL back.
    for (const t of threads) {
      if (t.state === "io" && t.until - now <= EPS) {
        t.state = "waiting";
        advance(t);
      }
    }
    // 3. The switch interval: a holder that has kept a waiter waiting long enough gives way.
    for (const t of threads) {
      if (t.state === "running" && deadline(t) - now <= EPS) {
        slice(t, "cpu", t.since, { core: t.core, preempted: true });
        t.left -= now - t.since;
        release(t);
        t.state = "waiting";
        t.since = now;
      }
    }
    // 4. Waiters take free GILs and cores, longest-waiting first.
    const waiting = threads.filter((t) => t.state === "waiting")
      .sort((a, b) => a.since - b.since || a.index - b.index);
    for (const t of waiting) {
      const core = coreUser.indexOf(null);
      if (gilHolder.has(t.process) || core < 0) continue;
      endWait(t);
      t.waited += now - t.since;
      gilHolder.set(t.process, t);
      coreUser[core] = t;
      t.core = core;
      t.state = "running";
      t.since = now;
      t.heldSince = now;
    }
    // 5. Wait slices say what each waiter is waiting for.
    for (const t of threads) {
      if (t.state !== "waiting") continue;
      const kind = gilHolder.has(t.process) ? "wait-gil" : "wait-core";
      if (t.waitKind !== kind) {
        endWait(t);
        t.waitKind = kind;
        t.waitStart = now;
      }
    }
    // 6. Jump to the next moment anything happens.
    const next = Math.min(
      ...threads.map((t) =>
        t.state === "running"
          ? Math.min(t.since + t.left, deadline(t))
          : t.state === "io"
          ? t.until
          : Infinity
      ),
    );
    if (!Number.isFinite(next)) {
      if (threads.every((t) => t.state === "done")) break;
      throw new Error("simulateGil: stuck with nothing to do (bug)");
    }
    now = next;
  }
  timeline.sort((a, b) =>
    a.start - b.start ||
    spec.findIndex((t) => t.name === a.thread) - spec.findIndex((t) => t.name === b.thread)
  );
  return {
    makespan: Math.max(...threads.map((t) => t.completion)),
    timeline,
    threads: Object.fromEntries(
      threads.map((t) => [t.name, { completion: t.completion, waited: t.waited }]),
    ),
  };
}
