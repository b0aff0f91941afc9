/**
 * The real GIL, measured: runs `python_gil.py` with this machine's `python3`
 * (two CPU-bound jobs one after another, in two threads, in two processes)
 * so a cell can put CPython's own numbers next to `simulateGil`.
 *
 * @module
 */
import type { SchemaOutput } from "../_package_types.ts";
import { z } from "zod";
import { simulateGil } from "../scheduler/simulate_gil.ts";

const runSchema = z.object({
  /** Wall-clock seconds for both jobs. */
  wall: z.number().nonnegative(),
  /** CPU seconds the two jobs used, added up. */
  cpu: z.number().nonnegative(),
});

/**
 * What `python_gil.py` prints, checked before use.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const pythonGilSchema = z.object({
  version: z.string(),
  implementation: z.string(),
  freeThreadedBuild: z.boolean(),
  gilEnabled: z.boolean(),
  cpus: z.number().int().positive().nullable(),
  oneAfterAnother: runSchema,
  twoThreads: runSchema,
  twoProcesses: runSchema,
});

/** CPython's measurements: its version, GIL status, and three runs of the same two jobs. */
export type PythonGil = SchemaOutput<typeof pythonGilSchema>;

/** Options for {@linkcode measurePythonGil}. */
export interface PythonGilOptions {
  /** Loop iterations per job; 3,000,000 is about 0.15 s of CPU on a laptop. */
  iterations?: number;
  /** The interpreter to run. Default `python3`. */
  python?: string;
}

/**
 * Runs two CPU-bound Python jobs one after another, in two threads and in two
 * processes, and returns what CPython reports. Returns `null` when the
 * interpreter is not installed, so the cell can say so and skip.
 * @param options Job size and interpreter.
 * @returns The measurements, or `null` without Python.
 * @throws {Error} If Python runs but fails, with its error output.
 * @example
 * ```ts
 * import { measurePythonGil } from "@course/lib";
 * const real = await measurePythonGil({ iterations: 100_000 });
 * console.log(real === null ? "no python3 here" : real.version);
 * ```
 */
export async function measurePythonGil(options: PythonGilOptions = {}): Promise<PythonGil | null> {
  const script = new URL("./python_gil.py", import.meta.url);
  const command = new Deno.Command(options.python ?? "python3", {
    args: [
      script.protocol === "file:" ? decodeURIComponent(script.pathname) : script.href,
      String(options.iterations ?? 3_000_000),
    ],
    stdout: "piped",
    stderr: "piped",
  });
  let output: Deno.CommandOutput;
  try {
    output = await command.output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const text = new TextDecoder();
  if (!output.success) {
    throw new Error(`python_gil.py failed (exit ${output.code}): ${text.decode(output.stderr)}`);
  }
  return pythonGilSchema.parse(JSON.parse(text.decode(output.stdout)));
}

/** One row of {@linkcode pythonGilRows}: a run, measured and as the simulator predicts it. */
export interface PythonGilRow {
  /** `one after another`, `two threads` or `two processes`. */
  run: string;
  /** Wall-clock milliseconds of the run. */
  "wall ms": number;
  /** CPU milliseconds the two jobs used. */
  "CPU ms": number;
  /** CPU time over wall time: at most 1 while one lock serialises the jobs. */
  "CPU / wall": number;
  /** The run's wall time over the one-after-another run's. */
  "wall, relative": number;
  /** The same ratio from `simulateGil`, fed with the measured length of one job. */
  "simulator, relative": number;
}

/**
 * Puts CPython's three runs next to `simulateGil`'s prediction for the same
 * jobs: the simulator gets one job's measured CPU time and this machine's cores.
 * @param real What {@linkcode measurePythonGil} returned.
 * @param cores Cores for the simulator; default this machine's.
 * @returns One row per run.
 * @example
 * ```ts
 * import { pythonGilRows } from "@course/lib";
 * const run = { wall: 0.2, cpu: 0.2 };
 * const real = {
 *   version: "3.12.0", implementation: "cpython", freeThreadedBuild: false, gilEnabled: true,
 *   cpus: 2, oneAfterAnother: run, twoThreads: run, twoProcesses: { wall: 0.1, cpu: 0.2 },
 * };
 * console.log(pythonGilRows(real, 2).map((r) => r["simulator, relative"])); // [ 1, 1, 0.5 ]
 * ```
 */
export function pythonGilRows(
  real: PythonGil,
  cores: number = navigator.hardwareConcurrency,
): PythonGilRow[] {
  const jobMs = (real.oneAfterAnother.cpu / 2) * 1000;
  const simulated = (processes: [string, string]) =>
    simulateGil({
      cores,
      threads: processes.map((process, i) => ({
        name: `T${i + 1}`,
        process,
        steps: [{ cpu: jobMs }],
      })),
    }).makespan / (2 * jobMs);
  const row = (run: string, r: { wall: number; cpu: number }, sim: number): PythonGilRow => ({
    run,
    "wall ms": r.wall * 1000,
    "CPU ms": r.cpu * 1000,
    "CPU / wall": r.cpu / r.wall,
    "wall, relative": r.wall / real.oneAfterAnother.wall,
    "simulator, relative": sim,
  });
  return [
    row("one after another", real.oneAfterAnother, 1),
    row("two threads", real.twoThreads, simulated(["python", "python"])),
    row("two processes", real.twoProcesses, simulated(["python-1", "python-2"])),
  ];
}
