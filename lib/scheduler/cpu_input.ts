/**
 * The input of `simulateCpu`, as a zod schema: one definition, its type inferred.
 *
 * @module
 */
import type { SchemaInput, SchemaOutput } from "../_package_types.ts";
import { z } from "zod";
import { rejectDuplicateNames, stepSchema } from "./_steps.ts";

/**
 * One process: a name, an arrival time and either one CPU burst or alternating steps.
 *
 * @example
 * ```ts
 * import { cpuProcessSchema } from "@course/lib/scheduler/cpu_input.ts";
 * console.log(cpuProcessSchema.parse({ name: "P1", burst: 3 }).arrival); // 0
 * ```
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const cpuProcessSchema = z.object({
  name: z.string().min(1, "a process needs a name"),
  arrival: z.number().nonnegative().default(0),
  burst: z.number().positive().optional(),
  steps: z.array(stepSchema).min(1).optional(),
}).strict().superRefine((p, ctx) => {
  if ((p.burst === undefined) === (p.steps === undefined)) {
    ctx.addIssue({
      code: "custom",
      message: `process ${p.name}: give exactly one of \`burst\` or \`steps\``,
    });
  }
  if (p.steps) {
    if (!("cpu" in p.steps[0])) {
      ctx.addIssue({ code: "custom", message: `process ${p.name}: steps must start with { cpu }` });
    }
    p.steps.forEach((step, i) => {
      if (i > 0 && ("cpu" in step) === ("cpu" in p.steps![i - 1])) {
        ctx.addIssue({
          code: "custom",
          message: `process ${p.name}: steps must alternate cpu and io (step ${i} repeats)`,
        });
      }
    });
  }
});

/**
 * The whole input of `simulateCpu`.
 *
 * @example
 * ```ts
 * import { cpuInputSchema } from "@course/lib/scheduler/cpu_input.ts";
 * const ok = cpuInputSchema.safeParse({ policy: "rr", processes: [{ name: "A", burst: 1 }] });
 * console.log(ok.success); // false: round robin needs a quantum
 * ```
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const cpuInputSchema = z.object({
  processes: z.array(cpuProcessSchema).min(1, "give at least one process"),
  policy: z.enum(["fcfs", "sjf", "srtf", "rr"]),
  quantum: z.number().positive().optional(),
  contextSwitch: z.number().nonnegative().default(0),
  cores: z.number().int().positive().default(1),
}).strict().superRefine((input, ctx) => {
  if (input.policy === "rr" && input.quantum === undefined) {
    ctx.addIssue({ code: "custom", path: ["quantum"], message: 'policy "rr" needs a quantum' });
  }
  rejectDuplicateNames(input.processes, "processes", ctx);
});

/** What a caller passes to `simulateCpu` (defaults optional). */
export type CpuInput = SchemaInput<typeof cpuInputSchema>;
/** One process as a caller writes it. */
export type CpuProcessInput = SchemaInput<typeof cpuProcessSchema>;
/** A scheduling policy: first come first served, shortest job first, shortest remaining time first, round robin. */
export type CpuPolicy = SchemaOutput<typeof cpuInputSchema>["policy"];
