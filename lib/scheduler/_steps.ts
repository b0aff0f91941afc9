/**
 * Private helpers shared by the simulators' input schemas (`cpu_input.ts`,
 * `simulate_gil.ts`): what a step is, and the rule that names are unique.
 *
 * @module
 */
import { z } from "zod";

/** One step of a program: compute for `cpu` time units, or wait for `io` time units. */
export const stepSchema = z.union([
  z.object({ cpu: z.number().positive() }).strict(),
  z.object({ io: z.number().positive() }).strict(),
]);

/** A step as the simulators walk it. */
export interface Step {
  /** Computing (`cpu`) or waiting off the CPU (`io`). */
  kind: "cpu" | "io";
  /** How long, in the simulation's time unit. */
  length: number;
}

/**
 * Turns a parsed `{ cpu }` or `{ io }` step into a {@link Step}.
 *
 * @param step A step as the caller wrote it.
 * @returns Its kind and length.
 */
export function toStep(step: z.output<typeof stepSchema>): Step {
  return "cpu" in step ? { kind: "cpu", length: step.cpu } : { kind: "io", length: step.io };
}

/**
 * Adds an issue for each name used a second time, e.g. "two threads are named T1".
 *
 * @param items Things with a `name`, in input order.
 * @param what What they are, plural: `"processes"`, `"threads"`.
 * @param ctx The refinement context of the schema being checked.
 */
export function rejectDuplicateNames(
  items: readonly { name: string }[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  for (const { name } of items) {
    if (seen.has(name)) ctx.addIssue({ code: "custom", message: `two ${what} are named ${name}` });
    seen.add(name);
  }
}
