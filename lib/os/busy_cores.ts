/**
 * `withBusyCores`: runs some work while every core of the machine is kept busy
 * by spinning Workers, so the work's thread must share a core and the
 * scheduler preempts it. Without this, a busy loop on an idle many-core
 * machine may keep a core to itself and never be switched out.
 *
 * @module
 */
import { WorkerPool } from "../scheduler/worker_pool.ts";

/** Spins until `flag[0]` is set; `flag[1]` counts the spinners that have started. */
function spin(flag: Int32Array): number {
  Atomics.add(flag, 1, 1);
  let turns = 0;
  while (Atomics.load(flag, 0) === 0) turns++;
  return turns;
}

/**
 * Starts `workers` Workers that spin on a CPU, waits until all of them spin,
 * runs `work`, then stops them.
 * @param work The work to run on busy cores (sync or async).
 * @param workers How many spinning Workers; default one per core.
 * @returns What `work` returned.
 * @example
 * ```ts
 * import { withBusyCores } from "@course/lib";
 * console.log(await withBusyCores(() => 6 * 7, 1)); // 42
 * ```
 */
export async function withBusyCores<T>(
  work: () => T | Promise<T>,
  workers: number = navigator.hardwareConcurrency,
): Promise<Awaited<T>> {
  const pool = new WorkerPool(workers);
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const spinning = Array.from({ length: workers }, () => pool.run(spin, flag));
  try {
    while (Atomics.load(flag, 1) < workers) await new Promise((r) => setTimeout(r, 5));
    return await work();
  } finally {
    Atomics.store(flag, 0, 1);
    await Promise.allSettled(spinning);
    pool.close();
  }
}
