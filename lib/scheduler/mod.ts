/**
 * Scheduler simulators and real parallelism: the CPU scheduler simulator, the
 * cooperative scheduler over generators, the GIL simulator, reference counting,
 * and a Worker pool.
 *
 * Re-exports only.
 *
 * @module
 */
export type { Slice, SliceKind } from "./slice.ts";
export {
  type CpuInput,
  cpuInputSchema,
  type CpuPolicy,
  type CpuProcessInput,
  cpuProcessSchema,
} from "./cpu_input.ts";
export { type CpuResult, type ProcessStats, simulateCpu } from "./simulate_cpu.ts";
export {
  type CooperativeOptions,
  type CooperativeResult,
  type CooperativeTask,
  runCooperative,
  type TaskContext,
} from "./run_cooperative.ts";
export {
  type GilInput,
  gilInputSchema,
  type GilResult,
  type GilSlice,
  simulateGil,
} from "./simulate_gil.ts";
export { type HeapObjectInfo, RefCountHeap } from "./ref_count_heap.ts";
export { type TimedResult, WorkerPool } from "./worker_pool.ts";
export { burnCpu, countPrimes, countPrimesBetween } from "./cpu_jobs.ts";
export { yieldToEventLoop } from "./yield_to_event_loop.ts";
export { type ChunkOptions, countPrimesChunked } from "./count_primes_chunked.ts";
export { type ProcessRun, runInProcess } from "./run_in_process.ts";
export {
  countPrimesInterleaved,
  countPrimesInWorkers,
  countPrimesSerially,
  type TimedRun,
} from "./timed_jobs.ts";
export { type JobRun, measureCpuJobs, type MeasureOptions } from "./measure_cpu_jobs.ts";
