/**
 * The misconception each check names, read from the exercises' `check.ts`.
 *
 * @module
 */
import { type ExerciseChecks, EXERCISES_DIR } from "@course/lib/notebook/mod.ts";

/** The key of one check of one exercise. */
export function checkKey(exercise: string, check: string): string {
  return `${exercise}\u0000${check}`;
}

/**
 * Loads every exercise's checks and keeps the misconceptions they name.
 *
 * @param ids the exercise ids
 * @param root the exercises folder
 * @returns misconception by {@link checkKey}; checks that name none are absent
 */
export async function loadMisconceptions(
  ids: readonly string[],
  root: URL = EXERCISES_DIR,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const id of ids) {
    const module = await import(new URL(`${id}/check.ts`, root).href);
    const checks = (module.default as ExerciseChecks<unknown>).checks;
    for (const check of checks) {
      if (check.misconception) found.set(checkKey(id, check.name), check.misconception);
    }
  }
  return found;
}
