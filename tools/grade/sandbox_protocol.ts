/**
 * What the grader and its sandboxed runner say to each other: the jobs go in
 * written into the runner's entry script (see `sandbox.ts`), the events come
 * back as marker lines on stdout.
 *
 * @module
 */
import { z } from "zod";
import { ChecksOutcomeSchema } from "@course/lib/notebook/mod.ts";

/** One exercise for the runner: where its checks and the learner's module are. */
export const SandboxJobSchema = z.object({
  /** The exercise id. */
  id: z.string(),
  /** URL of the exercise's `check.ts`. */
  checkUrl: z.string(),
  /** URL of the learner's module, built from the notebook's cells. */
  moduleUrl: z.string(),
  /** The manifest's `exports`. */
  exports: z.array(z.string()),
  /** The manifest's time limit, in seconds. */
  timeLimit: z.number(),
});

/** One exercise for the runner. */
export type SandboxJob = z.infer<typeof SandboxJobSchema>;

/** What the runner reports: an exercise starts, or its outcome. */
export const SandboxEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), id: z.string() }),
  z.object({ type: z.literal("result"), id: z.string(), outcome: ChecksOutcomeSchema }),
]);

/** An event from the runner. */
export type SandboxEvent = z.infer<typeof SandboxEventSchema>;

/**
 * The start of a marker line; the runner follows it with a per-run nonce, a
 * space and the JSON event. The nonce reaches the runner on stdin before any
 * learner code runs, so output of the learner's code that looks like a marker
 * (by accident or on purpose) is never read as one.
 */
export const MARKER = "\x1e@course-grade:";
