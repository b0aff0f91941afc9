/**
 * CPU and memory of processes and of the whole machine, from Linux's `/proc`,
 * for `bench/hub.ts`.
 *
 * @module
 */

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
const TICKS = 100;

/**
 * CPU seconds a process has used, its reaped children included.
 *
 * @param pid the process
 * @returns user + system seconds (with children's), 0 when it has exited
 */
export function cpuSecondsWithChildren(pid: number): number {
  try {
    const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
    // After ")": state ppid ... utime(12) stime(13) cutime(14) cstime(15), 0-based from state.
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) /
      TICKS;
  } catch {
    return 0;
  }
}

/**
 * The machine's busy and total CPU seconds since boot, summed over all cores.
 *
 * @returns busy (not idle, not waiting on I/O) and total seconds
 */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = Deno.readTextFileSync("/proc/stat").split("\n")[0];
  const values = line.split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3] + values[4];
  return { busy: (total - idle) / TICKS, total: total / TICKS };
}

/**
 * A process's proportional set size: its private memory plus its share of
 * pages it shares with others, so that summing over processes does not count
 * shared libraries twice.
 *
 * @param pid the process
 * @returns PSS in MiB, NaN when it cannot be read
 */
export function pssMiB(pid: number): number {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/smaps_rollup`);
    const kib = Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1]);
    return kib / 1024;
  } catch {
    return NaN;
  }
}

/**
 * The nearest-rank percentile of some numbers.
 *
 * @param values the numbers
 * @param p the percentile, 0 to 100
 * @returns the value at that rank, NaN when there are none
 * @example
 * ```ts
 * percentile([3, 1, 2], 50); // 2
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
