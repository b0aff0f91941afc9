/**
 * `hint(id)`: reveals an exercise's hints one at a time, in order of
 * increasing help.
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "./display.ts";
import { EXERCISES_DIR, loadManifest } from "./exercise_files.ts";

// How many hints of each exercise this kernel has shown; a kernel restart starts over.
const shown = new Map<string, number>();

/** Where `hint()` finds exercises; tests point it at a copy. */
export interface HintOptions {
  /** The `exercises/` folder; defaults to the course's own. */
  exercisesDir?: URL;
}

/**
 * Shows the next hint of an exercise; after the last one, shows the last again.
 *
 * @param id The exercise id.
 * @param options Where the exercises are.
 * @returns "Hint k of n" and the hint, shown when it is the cell's last value.
 *
 * @example
 * ```ts ignore
 * hint("01-predict-order");
 * ```
 */
export async function hint(id: string, options: HintOptions = {}): Promise<HtmlOutput> {
  const manifest = await loadManifest(id, options.exercisesDir ?? EXERCISES_DIR);
  const index = Math.min(shown.get(id) ?? 0, manifest.hints.length - 1);
  shown.set(id, index + 1);
  const last = index === manifest.hints.length - 1;
  const label = `Hint ${index + 1} of ${manifest.hints.length}`;
  const more = last ? "That is the last hint." : `Run hint("${id}") again for more help.`;
  const text = manifest.hints[index];
  return new HtmlOutput(
    `<div class="course-hint"><b>${label}</b> (${escapeHtml(manifest.title)}): ` +
      `${escapeHtml(text)}<br><small>${escapeHtml(more)}</small></div>`,
    `${label} (${manifest.title}): ${text}\n${more}`,
  );
}
