/**
 * The machine's own evidence, read from Linux's `/proc`: which thread of this
 * process used the CPU, how often the kernel switched the JavaScript thread
 * out (voluntarily or not), and a real CPython run of the GIL experiment.
 * Each function says when it cannot work here (`hasProc`, `null` without Python).
 *
 * Re-exports only.
 *
 * @module
 */
export { hasProc, linuxOnlyMessage } from "./linux.ts";
export {
  javascriptThreadId,
  measureThreadCpu,
  readThreadCpu,
  roleOfThread,
  type ThreadCpu,
  type ThreadCpuDelta,
  type ThreadRole,
} from "./thread_cpu.ts";
export {
  type ContextSwitches,
  measureContextSwitches,
  readContextSwitches,
} from "./context_switches.ts";
export {
  measurePythonGil,
  type PythonGil,
  type PythonGilOptions,
  type PythonGilRow,
  pythonGilRows,
  pythonGilSchema,
} from "./python_gil.ts";
export { withBusyCores } from "./busy_cores.ts";
