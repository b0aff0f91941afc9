/**
 * `hint(id)`: reveals an exercise's hints one at a time, in order of
 * increasing help. It is synchronous, so `hint("01-fetch-all")` as a cell's
 * last line shows the hint, no `await` needed. The last hint of an exercise
 * that asks for code (`write`, `fix`) is the answer: `hint` says so once and
 * shows it on the next call. A prediction's hints (`predict`, `classify`) never
 * give a value of the answer (a test checks it), so they are simply shown in turn. What was shown is kept in
 * `.course/hints.json`, across kernel restarts, and `deno task grade` reports
 * "answer shown" for the exercise (full points still: the learner decides).
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "./display.ts";
import { exerciseFile, EXERCISES_DIR } from "./exercise_files.ts";
import {
  type ExerciseHints,
  HINT_STATE_PATH,
  readHintState,
  writeHintState,
} from "./hint_state.ts";
import { type ExerciseManifest, parseManifest } from "./manifest.ts";

/** Where `hint()` finds exercises and keeps its state; tests point them at copies. */
export interface HintOptions {
  /** The `exercises/` folder; defaults to the course's own. */
  exercisesDir?: URL;
  /** The state file; defaults to the course's `.course/hints.json`. */
  statePath?: string | URL;
}

const BOX = "border:1px solid #d0d7de;border-left:4px solid #0969da;border-radius:6px;" +
  "padding:8px 12px;margin:4px 0;max-width:60em";
const CODE = "font-family:monospace;background:#f6f8fa;padding:0 3px;border-radius:3px";

/**
 * A hint's markdown as HTML: code in backticks, fenced code blocks, `**bold**`;
 * everything else escaped.
 *
 * @param markdown The hint's text.
 * @returns HTML.
 *
 * @example
 * ```ts
 * import { hintHtml } from "@course/lib/notebook/hint.ts";
 * console.log(hintHtml("use `Promise.all` **once**")); // use <code ...>Promise.all</code> <b>once</b>
 * ```
 */
export function hintHtml(markdown: string): string {
  return markdown.split(/```(?:\w+)?\n?([\s\S]*?)```/).map((part, i) =>
    i % 2 === 1
      ? `<pre style="${CODE};padding:6px">${escapeHtml(part.replace(/\n$/, ""))}</pre>`
      : escapeHtml(part)
        .replace(/`([^`]+)`/g, (_, code) => `<code style="${CODE}">${code}</code>`)
        .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>")
  ).join("");
}

function box(title: string, bodyHtml: string, footer: string): string {
  return `<div class="course-hint" style="${BOX}"><div><b>${escapeHtml(title)}</b></div>` +
    `<div style="margin:4px 0">${bodyHtml}</div>` +
    `<div><small>${hintHtml(footer)}</small></div></div>`;
}

function manifestOf(id: string, root: URL): ExerciseManifest {
  const url = exerciseFile(id, "exercise.json", root);
  let text: string;
  try {
    text = Deno.readTextFileSync(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`no exercise named "${id}" (look for the id in the exercise cell's text)`);
    }
    throw error;
  }
  return parseManifest(text, `exercises/${id}/exercise.json`);
}

/**
 * Shows the next hint of an exercise. The first call shows hint 1; before the
 * last hint (the answer) it asks once, and the call after shows it; after
 * that it shows the answer again. Synchronous: no `await`.
 *
 * @param id The exercise id.
 * @param options Where the exercises and the state are.
 * @returns A formatted box, shown when it is the cell's last value.
 *
 * @example
 * ```ts ignore
 * hint("01-fetch-all")
 * ```
 */
export function hint(id: string, options: HintOptions = {}): HtmlOutput {
  let manifest: ExerciseManifest;
  try {
    manifest = manifestOf(id, options.exercisesDir ?? EXERCISES_DIR);
  } catch (error) {
    const message = (error as Error).message;
    return new HtmlOutput(box("No hint", escapeHtml(message), ""), `hint: ${message}`);
  }
  const statePath = options.statePath ?? HINT_STATE_PATH;
  const state = readHintState(statePath);
  const n = manifest.hints.length;
  const seen: ExerciseHints = state.exercises[id] ?? {
    shown: 0,
    answerAsked: false,
    answerShown: false,
  };
  const again = `Run \`hint("${id}")\` again`;
  // Only code exercises end with the answer; a prediction's last hint is reasoning too.
  const lastIsAnswer = manifest.kind === "write" || manifest.kind === "fix";
  let out: HtmlOutput;
  if (seen.shown < n - 1 || !lastIsAnswer) {
    const k = Math.min(seen.shown + 1, n);
    const title = `Hint ${k} of ${n}: ${manifest.title}`;
    const footer = k < n
      ? `${again} for more help.`
      : "That was the last hint: the rest is your reasoning.";
    out = new HtmlOutput(
      box(title, hintHtml(manifest.hints[k - 1]), footer),
      `${title}\n${manifest.hints[k - 1]}\n${footer.replace(/`/g, "")}`,
    );
    state.exercises[id] = { ...seen, shown: k };
  } else if (!seen.answerAsked && !seen.answerShown) {
    const title = `The next hint is the answer: ${manifest.title}`;
    const body = `Hint ${n} of ${n} gives the answer away. Try once more with the hints so far; ` +
      `if you still want it, ${again.charAt(0).toLowerCase()}${again.slice(1)}. ` +
      `\`deno task grade\` will report "answer shown" for this exercise (you keep the points).`;
    out = new HtmlOutput(box(title, hintHtml(body), ""), `${title}\n${body.replace(/`/g, "")}`);
    state.exercises[id] = { ...seen, answerAsked: true };
  } else {
    const title = `Hint ${n} of ${n}, the answer: ${manifest.title}`;
    const footer = "That was the last hint.";
    out = new HtmlOutput(
      box(title, hintHtml(manifest.hints[n - 1]), footer),
      `${title}\n${manifest.hints[n - 1]}\n${footer}`,
    );
    state.exercises[id] = { shown: n, answerAsked: true, answerShown: true };
  }
  try {
    writeHintState(state, statePath);
  } catch {
    // A read-only course folder: the hint still shows; only the memory of it is lost.
  }
  return out;
}
