/**
 * Context switches of the JavaScript thread, counted by the Linux kernel in
 * `/proc/thread-self/status`: **voluntary** ones (the thread gave up the CPU
 * because it had to wait: a sleep, an empty socket) and **involuntary** ones
 * (the scheduler took the CPU away: the thread's slice was up while others
 * were waiting to run). Cooperative and preemptive switching, side by side.
 *
 * @module
 */

/** The kernel's two switch counters for one thread. */
export interface ContextSwitches {
  /** Times the thread blocked and gave up the CPU itself. */
  voluntary: number;
  /** Times the scheduler preempted the thread. */
  involuntary: number;
}

/**
 * Reads the JavaScript thread's counters (a synchronous read runs on that
 * thread, so `/proc/thread-self` is the JavaScript thread). Linux only.
 * @returns Both counters since the thread started.
 * @example
 * ```ts
 * import { hasProc, readContextSwitches } from "@course/lib";
 * if (hasProc()) console.log(readContextSwitches());
 * ```
 */
export function readContextSwitches(): ContextSwitches {
  const status = Deno.readTextFileSync("/proc/thread-self/status");
  const field = (name: string): number => {
    const match = status.match(new RegExp(`^${name}:\\s+(\\d+)`, "m"));
    if (!match) throw new Error(`/proc/thread-self/status has no ${name} line`);
    return Number(match[1]);
  };
  return {
    voluntary: field("voluntary_ctxt_switches"),
    involuntary: field("nonvoluntary_ctxt_switches"),
  };
}

/**
 * Runs `work` and reports how many times the JavaScript thread was switched
 * out meanwhile, each way. Linux only (check {@linkcode hasProc} first).
 * @param work The stretch to measure (sync or async).
 * @returns The counters' growth, and the wall milliseconds of the stretch.
 * @example
 * ```ts
 * import { hasProc, measureContextSwitches } from "@course/lib";
 * if (hasProc()) {
 *   const nap = await measureContextSwitches(() => new Promise((r) => setTimeout(r, 20)));
 *   console.log(nap.voluntary >= 1); // true: the thread slept, so it gave up the CPU
 * }
 * ```
 */
export async function measureContextSwitches(
  work: () => unknown,
): Promise<ContextSwitches & { wallMs: number }> {
  const before = readContextSwitches();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const after = readContextSwitches();
  return {
    voluntary: after.voluntary - before.voluntary,
    involuntary: after.involuntary - before.involuntary,
    wallMs,
  };
}
