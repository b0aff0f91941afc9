/**
 * Which hints a learner has seen, kept in `.course/hints.json` (ignored by
 * git) so that it survives a kernel restart, and so that the grader can report
 * "answer shown" for an exercise whose last hint (the answer) was used.
 *
 * @module
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { SchemaOutput } from "../_package_types.ts";

/** The `.course/hints.json` of the course, next to `lib/`. */
export const HINT_STATE_PATH: URL = new URL("../../.course/hints.json", import.meta.url);

/**
 * The schema of `.course/hints.json`.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const HintStateSchema = z.object({
  version: z.literal(1),
  /** Per exercise id. */
  exercises: z.record(
    z.string(),
    z.object({
      /** How many hints were shown, in order (the answer, the last, included). */
      shown: z.number().int().nonnegative(),
      /** Whether the learner was warned that the next hint is the answer. */
      answerAsked: z.boolean(),
      /** Whether the last hint, the answer, was shown. */
      answerShown: z.boolean(),
    }),
  ),
});

/** Which hints a learner has seen. */
export type HintState = SchemaOutput<typeof HintStateSchema>;

/** One exercise's entry of {@linkcode HintState}. */
export type ExerciseHints = HintState["exercises"][string];

/**
 * Reads the hint state; a missing, unreadable or foreign file counts as no hints seen.
 *
 * @param path The state file.
 * @returns The state.
 *
 * @example
 * ```ts
 * import { readHintState } from "@course/lib/notebook/hint_state.ts";
 * console.log(readHintState("/nonexistent/hints.json")); // { version: 1, exercises: {} }
 * ```
 */
export function readHintState(path: string | URL = HINT_STATE_PATH): HintState {
  try {
    const parsed = HintStateSchema.safeParse(JSON.parse(Deno.readTextFileSync(path)));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or unreadable: nothing seen yet.
  }
  return { version: 1, exercises: {} };
}

/**
 * Writes the hint state atomically (a temp file, then a rename), creating its folder.
 *
 * @param state The state.
 * @param path The state file.
 */
export function writeHintState(state: HintState, path: string | URL = HINT_STATE_PATH): void {
  const file = path instanceof URL ? path : pathToFileURL(resolve(path));
  Deno.mkdirSync(new URL(".", file), { recursive: true });
  const temp = new URL(`${file.href}.${crypto.randomUUID()}.tmp`);
  try {
    Deno.writeTextFileSync(temp, JSON.stringify(state, null, 2) + "\n");
    Deno.renameSync(temp, file);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // Never written.
    }
    throw error;
  }
}
