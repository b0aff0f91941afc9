/**
 * Watch mode: notices when a notebook is saved and says which one.
 *
 * @module
 */
import { basename } from "node:path";

/** Milliseconds to wait after the last change (an editor's save is several events). */
export const DEBOUNCE_MS = 80;

/**
 * Calls `onSave(fileName)` after each save of one of the watched notebooks,
 * one call at a time, until the signal aborts.
 *
 * @param dirs Folders holding the notebooks.
 * @param names Notebook file names to react to.
 * @param onSave Grades the saved notebook; awaited before the next call.
 * @param signal Stops watching.
 */
export async function watchNotebooks(
  dirs: readonly string[],
  names: ReadonlySet<string>,
  onSave: (name: string) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const watcher = Deno.watchFs([...dirs], { recursive: false });
  signal.addEventListener("abort", () => watcher.close(), { once: true });
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  const flush = () => {
    const saved = [...pending];
    pending.clear();
    running = running.then(async () => {
      for (const name of saved) if (!signal.aborted) await onSave(name);
    });
  };
  try {
    for await (const event of watcher) {
      if (event.kind !== "modify" && event.kind !== "create" && event.kind !== "rename") continue;
      const saved = event.paths.map((p) => basename(p)).filter((n) => names.has(n));
      if (saved.length === 0) continue;
      saved.forEach((n) => pending.add(n));
      clearTimeout(timer);
      timer = setTimeout(flush, DEBOUNCE_MS);
    }
  } finally {
    clearTimeout(timer);
    await running;
  }
}
