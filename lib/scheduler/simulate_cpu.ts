/**
 * `simulateCpu`: a preemptive/non-preemptive CPU scheduler simulator (FCFS, SJF, SRTF, RR).
 *
 * It answers the textbook questions (completion, turnaround, waiting and response
 * times) and records a timeline to draw.
 *
 * Conventions, so that answers match the textbooks:
 * - Ties (same next burst, same moment in the queue) go to the earlier arrival,
 *   then to the process listed first.
 * - Round robin: when a process arrives (or returns from I/O) at the very moment
 *   another's quantum expires, the newcomer enters the ready queue first and the
 *   preempted process goes behind it. A quantum that expires with nobody waiting
 *   starts a new quantum for the same process (a new slice, no switch).
 * - SJF is non-preemptive; SRTF preempts when a ready process has strictly less
 *   remaining CPU time than a running one. Both look at the current CPU burst.
 * - A context switch is counted each time a core starts a process other than the
 *   last one it ran; with `contextSwitch > 0` that core spends that long idle
 *   (a `switch` slice) first, and a switch in progress is not interrupted.
 * - I/O runs off the CPU, for all processes in parallel.
 *
 * @module
 */
import { type CpuInput, cpuInputSchema, type CpuPolicy } from "./cpu_input.ts";
import type { Slice } from "./slice.ts";
import { validate } from "./_validate.ts";
import { type Step, toStep } from "./_steps.ts";

/** Times of one process after the run. */
export interface ProcessStats {
  /** When its last step finished. */
  completion: number;
  /** completion − arrival. */
  turnaround: number;
  /** turnaround − CPU time − I/O time: time spent ready but not running. */
  waiting: number;
  /** First time on a CPU − arrival. */
  response: number;
}

/** What `simulateCpu` returns. */
export interface CpuResult {
  /** Every CPU, I/O and context-switch slice, by start time. */
  timeline: Slice[];
  /** Per process, by name. */
  processes: Record<string, ProcessStats>;
  /** Means over all processes. */
  averages: { turnaround: number; waiting: number; response: number };
  /** How many times a core started a process other than the last one it ran. */
  contextSwitches: number;
  /** Busy CPU time / (makespan × cores). */
  utilization: number;
  /** From the first arrival to the last completion. */
  makespan: number;
}

/** Comparisons within this tolerance are "the same moment" (guards float sums). */
const EPS = 1e-9;

interface Proc {
  name: string;
  index: number;
  arrival: number;
  steps: Step[];
  step: number;
  /** Remaining time of the current step. */
  left: number;
  firstRun?: number;
  completion?: number;
  cpuTotal: number;
  ioTotal: number;
}

type Core =
  | { state: "idle" }
  | { state: "switch"; proc: Proc; since: number; until: number }
  | { state: "run"; proc: Proc; since: number; quantumEnd: number };

/**
 * Simulates scheduling processes on one or more cores and measures each process.
 *
 * @param input Processes (`{ name, arrival, burst }` or `{ name, arrival, steps }`),
 *   the policy, and for `rr` the quantum; optionally `contextSwitch` time and `cores`.
 * @returns The timeline, per-process times, averages, switch count and utilization.
 * @throws {TypeError} When the input is malformed (the message lists every problem).
 * @example
 * ```ts
 * import { simulateCpu } from "@course/lib/scheduler/mod.ts";
 * const result = simulateCpu({
 *   policy: "fcfs",
 *   processes: [
 *     { name: "P1", arrival: 0, burst: 24 },
 *     { name: "P2", arrival: 0, burst: 3 },
 *     { name: "P3", arrival: 0, burst: 3 },
 *   ],
 * });
 * console.log(result.averages.waiting); // 17
 * ```
 */
export function simulateCpu(input: CpuInput): CpuResult {
  const { processes, policy, quantum, contextSwitch, cores } = validate(
    "simulateCpu",
    cpuInputSchema,
    input,
  );
  const procs: Proc[] = processes.map((p, index) => {
    const steps: Step[] = p.steps ? p.steps.map(toStep) : [{ kind: "cpu", length: p.burst! }];
    return {
      name: p.name,
      index,
      arrival: p.arrival,
      steps,
      step: 0,
      left: steps[0].length,
      cpuTotal: steps.filter((s) => s.kind === "cpu").reduce((a, s) => a + s.length, 0),
      ioTotal: steps.filter((s) => s.kind === "io").reduce((a, s) => a + s.length, 0),
    };
  });

  // Only round robin has a time slice; other policies ignore a quantum if given.
  const timeSlice = policy === "rr" ? quantum! : Infinity;
  const timeline: Slice[] = [];
  const coreStates: Core[] = Array.from({ length: cores }, () => ({ state: "idle" }));
  const lastRan: (Proc | null)[] = Array(cores).fill(null);
  const ready: Proc[] = [];
  const inIo: { proc: Proc; until: number }[] = [];
  const notArrived = [...procs].sort(byArrival);
  let contextSwitches = 0;
  let done = 0;
  let now = Math.min(...procs.map((p) => p.arrival));

  const same = (a: number, b: number) => Math.abs(a - b) <= EPS;

  /** Ends the current step; the process goes to I/O, or is done. */
  const finishStep = (proc: Proc, at: number) => {
    proc.step++;
    const next = proc.steps[proc.step];
    if (!next) {
      proc.completion = at;
      done++;
    } else {
      // Steps alternate, so after a CPU step comes I/O.
      proc.left = next.length;
      inIo.push({ proc, until: at + next.length });
      timeline.push({ core: null, name: proc.name, kind: "io", start: at, end: at + next.length });
    }
  };

  /** Takes the running process off core `i`, recording its slice. */
  const stopCore = (i: number, at: number, preempted: boolean) => {
    const core = coreStates[i];
    if (core.state !== "run") return;
    core.proc.left -= at - core.since;
    if (at - core.since > EPS) {
      core.proc.firstRun ??= core.since;
      timeline.push({
        core: i,
        name: core.proc.name,
        kind: "cpu",
        start: core.since,
        end: at,
        ...(preempted ? { preempted: true } : {}),
      });
    }
    coreStates[i] = { state: "idle" };
  };

  const startRunning = (i: number, proc: Proc, at: number) => {
    coreStates[i] = { state: "run", proc, since: at, quantumEnd: at + timeSlice };
  };

  const dispatch = (i: number, proc: Proc, at: number) => {
    const previous = lastRan[i];
    lastRan[i] = proc;
    if (previous && previous !== proc) {
      contextSwitches++;
      if (contextSwitch > 0) {
        coreStates[i] = { state: "switch", proc, since: at, until: at + contextSwitch };
        return;
      }
    }
    startRunning(i, proc, at);
  };

  while (done < procs.length) {
    // 1. Context switches that end now: the process starts running.
    coreStates.forEach((core, i) => {
      if (core.state === "switch" && same(core.until, now)) {
        timeline.push({
          core: i,
          name: core.proc.name,
          kind: "switch",
          start: core.since,
          end: now,
        });
        startRunning(i, core.proc, now);
      }
    });
    // 2. CPU steps that end now.
    coreStates.forEach((core, i) => {
      if (core.state === "run" && core.proc.left - (now - core.since) <= EPS) {
        const proc = core.proc;
        stopCore(i, now, false);
        finishStep(proc, now);
      }
    });
    // 3. Newcomers: I/O completions and arrivals, in arrival then input order.
    const newcomers: Proc[] = [];
    for (let k = inIo.length - 1; k >= 0; k--) {
      if (inIo[k].until - now <= EPS) {
        const { proc } = inIo[k];
        inIo.splice(k, 1);
        proc.step++;
        proc.left = proc.steps[proc.step]?.length ?? 0;
        if (proc.step >= proc.steps.length) {
          proc.completion = now;
          done++;
        } else newcomers.push(proc);
      }
    }
    while (notArrived.length && notArrived[0].arrival - now <= EPS) {
      newcomers.push(notArrived.shift()!);
    }
    ready.push(...newcomers.sort(byArrival));
    // 4. Round robin: expired quanta go behind the newcomers, if anyone is waiting.
    if (policy === "rr") {
      let waiting = ready.length;
      const preempted: Proc[] = [];
      coreStates.forEach((core, i) => {
        if (core.state !== "run" || !same(core.quantumEnd, now)) return;
        const proc = core.proc;
        if (waiting > 0) {
          waiting--;
          stopCore(i, now, true);
          preempted.push(proc);
        } else {
          // Nobody waits: a fresh quantum, drawn as a new slice like the textbook's Gantt charts.
          stopCore(i, now, false);
          coreStates[i] = { state: "run", proc, since: now, quantumEnd: now + timeSlice };
        }
      });
      ready.push(...preempted);
    }
    // 5. Idle cores take the next ready process.
    coreStates.forEach((core, i) => {
      if (core.state !== "idle" || ready.length === 0) return;
      const proc = pick(ready, policy)!;
      ready.splice(ready.indexOf(proc), 1);
      dispatch(i, proc, now);
    });
    // 6. SRTF: while a ready job is shorter than the longest running one, it takes that core.
    //    (After step 5, anyone still ready found every core busy.)
    while (policy === "srtf" && ready.length > 0) {
      const best = pick(ready, "srtf")!;
      let victim = -1;
      let most = -Infinity;
      coreStates.forEach((core, i) => {
        const left = remainingOn(core, now);
        if (left > most + EPS) (victim = i, most = left);
      });
      if (victim < 0 || !(best.left < most - EPS)) break;
      const proc = (coreStates[victim] as { proc: Proc }).proc;
      stopCore(victim, now, true);
      ready.splice(ready.indexOf(best), 1);
      ready.push(proc);
      dispatch(victim, best, now);
    }
    if (done === procs.length) break;
    // 7. Jump to the next moment anything happens.
    const next = Math.min(
      ...coreStates.map((core) =>
        core.state === "switch"
          ? core.until
          : core.state === "run"
          ? Math.min(core.since + core.proc.left, core.quantumEnd)
          : Infinity
      ),
      ...inIo.map((io) => io.until),
      notArrived[0]?.arrival ?? Infinity,
    );
    if (!Number.isFinite(next) || next < now - EPS) {
      throw new Error(`simulateCpu: no next event after t=${now} (bug)`);
    }
    // A running process's `left` is measured from `since`; keep it that way.
    now = next;
  }

  const stats: Record<string, ProcessStats> = {};
  for (const p of procs) {
    const turnaround = p.completion! - p.arrival;
    stats[p.name] = {
      completion: p.completion!,
      turnaround,
      waiting: turnaround - p.cpuTotal - p.ioTotal,
      response: p.firstRun! - p.arrival,
    };
  }
  const mean = (key: keyof ProcessStats) =>
    procs.reduce((sum, p) => sum + stats[p.name][key], 0) / procs.length;
  const start = Math.min(...procs.map((p) => p.arrival));
  const makespan = Math.max(...procs.map((p) => p.completion!)) - start;
  const busy = timeline.filter((s) => s.kind === "cpu").reduce((a, s) => a + s.end - s.start, 0);
  // Slices are recorded as they end; a reader wants them in time order.
  timeline.sort((a, b) => a.start - b.start || (a.core ?? Infinity) - (b.core ?? Infinity));
  return {
    timeline,
    processes: stats,
    averages: {
      turnaround: mean("turnaround"),
      waiting: mean("waiting"),
      response: mean("response"),
    },
    contextSwitches,
    utilization: makespan > 0 ? busy / (makespan * cores) : 0,
    makespan,
  };
}

function byArrival(a: Proc, b: Proc): number {
  return a.arrival - b.arrival || a.index - b.index;
}

function remainingOn(core: Core, now: number): number {
  return core.state === "run" ? core.proc.left - (now - core.since) : -Infinity;
}

/** The next process to run under `policy`; the ready list is in queue order. */
function pick(ready: Proc[], policy: CpuPolicy): Proc | undefined {
  if (policy === "fcfs" || policy === "rr") return ready[0];
  // SJF and SRTF: shortest current CPU burst, then arrival, then input order.
  return ready.reduce<Proc | undefined>(
    (best, p) =>
      !best || p.left < best.left - EPS ||
        (Math.abs(p.left - best.left) <= EPS && byArrival(p, best) < 0)
        ? p
        : best,
    undefined,
  );
}
