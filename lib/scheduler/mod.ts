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
export { type CpuInput, type CpuPolicy, type CpuProcessInput } from "./cpu_input.ts";
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
