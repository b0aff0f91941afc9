/**
 * Per-thread CPU time of this process, read from Linux's
 * `/proc/self/task/<tid>/schedstat` (nanoseconds on a CPU) with
 * `/proc/self/task/<tid>/stat` (`utime + stime`, 10 ms ticks) as a fallback.
 * It answers "which thread did the work?": Deno runs JavaScript, timers and
 * sockets on one thread and file operations on a pool of blocking threads
 * (named `tokio-runtime-w`).
 *
 * Reads are synchronous on purpose: a synchronous read runs on the JavaScript
 * thread itself, so `/proc/thread-self` names that thread.
 *
 * @module
 */

/** One thread of this process and the CPU time it has used so far. */
export interface ThreadCpu {
  /** The kernel's thread id. */
  tid: number;
  /** The thread's name (`/proc/.../comm`), e.g. `deno`, `tokio-runtime-w`, `V8 DefaultWorke`. */
  name: string;
  /** Milliseconds this thread has spent on a CPU since it started. */
  cpuMs: number;
}

/** Which part of Deno a thread belongs to. */
export type ThreadRole = "javascript" | "blocking pool" | "V8 helpers" | "other";

/** CPU time used during a measured stretch, by role of the thread. */
export interface ThreadCpuDelta {
  /** Milliseconds used by each role (threads that did not exist before count from zero). */
  byRole: Record<ThreadRole, number>;
  /** Per thread, the threads that used any CPU time, busiest first. */
  threads: (ThreadCpu & { role: ThreadRole })[];
  /** Wall-clock milliseconds of the stretch. */
  wallMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux, so /proc stat ticks are 10 ms

/** The id of the thread that runs this JavaScript (`/proc/thread-self`, read synchronously). */
export function javascriptThreadId(): number {
  return Number(Deno.readTextFileSync("/proc/thread-self/stat").split(" ", 1)[0]);
}

function readCpuMs(dir: string): number {
  try {
    // schedstat: "<ns on cpu> <ns waiting> <timeslices>"
    return Number(Deno.readTextFileSync(`${dir}/schedstat`).split(" ", 1)[0]) / 1e6;
  } catch {
    // stat: the name in parentheses may contain spaces, so split after the last ")".
    const stat = Deno.readTextFileSync(`${dir}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  }
}

/**
 * Reads every thread of this process and its CPU time so far. Linux only
 * (check {@linkcode hasProc} first); threads that end while being read are skipped.
 * @returns One entry per thread, in `/proc` order.
 * @example
 * ```ts
 * import { hasProc, readThreadCpu } from "@course/lib";
 * if (hasProc()) console.log(readThreadCpu().map((t) => t.name));
 * ```
 */
export function readThreadCpu(): ThreadCpu[] {
  const threads: ThreadCpu[] = [];
  for (const entry of Deno.readDirSync("/proc/self/task")) {
    const dir = `/proc/self/task/${entry.name}`;
    try {
      const name = Deno.readTextFileSync(`${dir}/comm`).trim();
      threads.push({ tid: Number(entry.name), name, cpuMs: readCpuMs(dir) });
    } catch {
      // the thread ended between the directory listing and the read
    }
  }
  return threads;
}

/**
 * Names the role of a thread from its id and name.
 * @param thread The thread.
 * @param jsTid The JavaScript thread's id ({@linkcode javascriptThreadId}).
 * @returns `javascript`, `blocking pool` (tokio's threads for file work), `V8 helpers` or `other`.
 * @example
 * ```ts
 * import { roleOfThread } from "@course/lib";
 * console.log(roleOfThread({ tid: 7, name: "tokio-runtime-w", cpuMs: 0 }, 1)); // "blocking pool"
 * ```
 */
export function roleOfThread(thread: ThreadCpu, jsTid: number): ThreadRole {
  if (thread.tid === jsTid) return "javascript";
  if (thread.name.startsWith("tokio-runtime")) return "blocking pool";
  if (thread.name.startsWith("V8 ")) return "V8 helpers";
  return "other";
}

/**
 * Runs `work` and reports how much CPU time each thread of this process used
 * meanwhile, grouped by role. Linux only (check {@linkcode hasProc} first).
 * @param work The stretch to measure (sync or async).
 * @returns CPU milliseconds by role and by thread, and the wall time.
 * @example
 * ```ts
 * import { hasProc, measureThreadCpu } from "@course/lib";
 * if (hasProc()) {
 *   const spent = await measureThreadCpu(() => {
 *     let x = 0;
 *     for (let i = 0; i < 5e6; i++) x += i;
 *     return x;
 *   });
 *   console.log(spent.byRole.javascript > 0); // true: the loop ran on the JavaScript thread
 * }
 * ```
 */
export async function measureThreadCpu(work: () => unknown): Promise<ThreadCpuDelta> {
  const jsTid = javascriptThreadId();
  const before = new Map(readThreadCpu().map((t) => [t.tid, t.cpuMs]));
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const byRole: Record<ThreadRole, number> = {
    "javascript": 0,
    "blocking pool": 0,
    "V8 helpers": 0,
    "other": 0,
  };
  const threads: ThreadCpuDelta["threads"] = [];
  for (const thread of readThreadCpu()) {
    const cpuMs = thread.cpuMs - (before.get(thread.tid) ?? 0);
    if (cpuMs <= 0) continue;
    const role = roleOfThread(thread, jsTid);
    byRole[role] += cpuMs;
    threads.push({ ...thread, cpuMs, role });
  }
  threads.sort((a, b) => b.cpuMs - a.cpuMs);
  return { byRole, threads, wallMs };
}
