/**
 * What running an exercise's checks produces: the schema of a check's outcome,
 * shared by the notebook's table and the grader's sandbox (which sends it to
 * the grader as JSON).
 *
 * @module
 */
import type { SchemaOutput } from "../_package_types.ts";
import { z } from "zod";

/**
 * Why an exercise could not be graded normally, when it could not:
 * - `notebook`: the notebook file is missing or not a valid notebook
 * - `cell`: the exercise cell (or a cell it needs) is missing or unmarked
 * - `syntax`: the code does not parse
 * - `throw`: the code threw an error (at load time or inside a check)
 * - `timeout`: the code did not finish within the exercise's time limit
 * - `permission`: the code tried to read files, open the network, ... without the grant
 * - `exit`: the code called `Deno.exit` or ended the process
 * - `output`: the code printed more than the output cap
 * - `crash`: the grading process failed for another reason (message says which)
 * - `tamper`: the code changed a built-in the checks rely on (`Array.prototype.find`, ...)
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const ErrorKindSchema = z.enum([
  "notebook",
  "cell",
  "syntax",
  "throw",
  "timeout",
  "permission",
  "exit",
  "output",
  "crash",
  "tamper",
]);

/** One of {@linkcode ErrorKindSchema}'s values. */
export type ErrorKind = SchemaOutput<typeof ErrorKindSchema>;

/**
 * The outcome of one check.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const CheckOutcomeSchema = z.object({
  /** The check's name. */
  name: z.string(),
  /** Whether the check runs only in the command-line grader. */
  hidden: z.boolean(),
  /** Whether the learner's code passed it. */
  passed: z.boolean(),
  /** Empty when passed; otherwise expected vs got, or what went wrong. */
  message: z.string(),
  /** Set when the check failed because the code crashed rather than gave a wrong answer. */
  error: ErrorKindSchema.nullable(),
  /** Trace events for a timeline (notebook only; never sent as JSON by the grader). */
  trace: z.array(z.unknown()).optional(),
});

/** The outcome of one check. */
export type CheckOutcome = SchemaOutput<typeof CheckOutcomeSchema>;

/**
 * The outcome of running an exercise's checks against the learner's bindings.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const ChecksOutcomeSchema = z.object({
  /** One outcome per check that was due (visible ones in the notebook, all in the grader). */
  checks: z.array(CheckOutcomeSchema),
  /** True when every due check passed. */
  passed: z.boolean(),
  /** Empty when passed; otherwise the first failure, prefixed with its check's name. */
  message: z.string(),
  /** The first failure's error kind, when it was an error. */
  error: ErrorKindSchema.nullable(),
});

/** The outcome of running an exercise's checks. */
export type ChecksOutcome = SchemaOutput<typeof ChecksOutcomeSchema>;
