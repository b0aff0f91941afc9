/**
 * `check(id, bindings)`: the learner's in-notebook feedback.
 *
 * @module
 */
import { renderCheckTable } from "./check_table.ts";
import { HtmlOutput } from "./display.ts";
import { exerciseFile, EXERCISES_DIR, importChecks, loadManifest } from "./exercise_files.ts";
import { failureTimeline } from "./failure_timeline.ts";
import { failurePlayer } from "./failure_player.ts";
import { runChecks } from "./run_checks.ts";

/** Where `check()` finds exercises; tests point it at a copy. */
export interface CheckOptions {
  /** The `exercises/` folder; defaults to the course's own, found from this module's URL. */
  exercisesDir?: URL;
}

/**
 * Runs the visible checks of an exercise on the bindings the learner passes,
 * and returns a table to display: each check, pass or fail, and a message with
 * what was expected and what the code gave. Hidden checks run only in
 * `deno task grade`, which also records the points.
 *
 * @param id The exercise id, as in the exercise cell's metadata.
 * @param bindings The learner's names, such as `{ waitAll }`.
 * @param options Where the exercises are.
 * @returns The feedback table, shown when it is the cell's last value.
 *
 * @example In a notebook, the cell after the exercise cell
 * ```ts ignore
 * await check("01-predict-order", { order });
 * ```
 */
export async function check(
  id: string,
  bindings: Record<string, unknown>,
  options: CheckOptions = {},
): Promise<HtmlOutput> {
  const root = options.exercisesDir ?? EXERCISES_DIR;
  const manifest = await loadManifest(id, root);
  const checks = await importChecks(exerciseFile(id, "check.ts", root));
  const outcome = await runChecks(checks, bindings, {
    required: manifest.exports,
    includeHidden: false,
    timeLimit: manifest.timeLimit,
  });
  const table = renderCheckTable(manifest, outcome, {
    hiddenCount: checks.checks.filter((c) => c.hidden).length,
    timelineSvg: outcome.passed ? null : await failureTimeline(outcome),
  });
  const player = outcome.passed ? null : await failurePlayer(outcome);
  return player === null ? table : new HtmlOutput(table.html + player, table.text);
}
