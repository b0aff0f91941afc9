/**
 * Private helper: validates a simulator's input with zod and throws one readable error.
 *
 * @module
 */
import { z } from "zod";

/**
 * Parses `input` with `schema`, or throws a `TypeError` naming the function and every problem.
 *
 * @param fn The public function's name, used as the message prefix.
 * @param schema The zod schema of the input.
 * @param input What the caller passed.
 * @returns The parsed input, defaults filled in.
 */
export function validate<S extends z.ZodType>(fn: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new TypeError(`${fn}: invalid input\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
