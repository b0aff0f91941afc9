/**
 * Watch mode: regrades notebooks when they are saved.
 *
 * - The watcher starts before the first grading, so a save made while it runs
 *   is not missed.
 * - A burst of saves gives one regrade: a save waits {@linkcode DEBOUNCE_MS}
 *   for the next; a save that lands during a regrade stops it (its result is
 *   already stale) and the notebooks are regraded once the burst is over.
 * - A regrade that fails is reported and the watch goes on.
 *
 * @module
 */
import { basename } from "node:path";

/** Milliseconds a save waits for the next one before the regrade starts. */
export const DEBOUNCE_MS = 500;

/** Regrades notebooks; must stop soon after `signal` aborts (then its result is dropped). */
export type Regrade = (notebooks: string[], signal: AbortSignal) => Promise<void>;

/** How the watch runs. */
export interface WatchOptions {
  /** Ends the watch (Ctrl-C); a regrade in progress is stopped. */
  signal: AbortSignal;
  /** Told about a regrade that failed; the watch goes on. */
  onError: (error: unknown) => void;
  /** Milliseconds to wait after a save; defaults to {@linkcode DEBOUNCE_MS}. */
  debounceMs?: number;
}

/** A watch on some notebooks, collecting saves from the moment it is made. */
export interface NotebookWatch {
  /**
   * Grades `initial` at once, then regrades saved notebooks until the signal aborts.
   *
   * @param initial Notebook file names to grade first.
   * @param regrade Grades notebooks and reports.
   * @param options Signal, error reporter, debounce.
   */
  run(initial: readonly string[], regrade: Regrade, options: WatchOptions): Promise<void>;
}

/**
 * Starts watching: saves of the named notebooks in the folders are collected
 * from now on, also before {@linkcode NotebookWatch.run} is called.
 *
 * @param dirs Folders holding the notebooks.
 * @param names Notebook file names to react to.
 * @returns The watch.
 */
export function watchNotebooks(
  dirs: readonly string[],
  names: ReadonlySet<string>,
): NotebookWatch {
  const watcher = Deno.watchFs([...dirs], { recursive: false });
  const pending = new Set<string>();
  let onChange = () => {};
  // Reading starts now: an editor's save during the first grading lands in `pending`.
  const reading = (async () => {
    for await (const event of watcher) {
      if (event.kind !== "modify" && event.kind !== "create" && event.kind !== "rename") continue;
      const saved = event.paths.map((p) => basename(p)).filter((n) => names.has(n));
      if (saved.length === 0) continue;
      saved.forEach((n) => pending.add(n));
      onChange();
    }
  })();
  return {
    async run(initial, regrade, options) {
      const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
      initial.forEach((n) => pending.add(n));
      let current: { abort: AbortController; done: Promise<void> } | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let firing = Promise.resolve();

      const start = () => {
        const notebooks = [...pending];
        pending.clear();
        const abort = new AbortController();
        const signal = AbortSignal.any([options.signal, abort.signal]);
        const done = (async () => {
          try {
            await regrade(notebooks, signal);
          } catch (error) {
            // Stopped by a newer save: grade these again with it. Stopped by Ctrl-C: nothing.
            if (abort.signal.aborted) notebooks.forEach((n) => pending.add(n));
            else if (!options.signal.aborted) options.onError(error);
          }
        })();
        current = { abort, done };
      };
      const fire = async () => {
        if (current) {
          current.abort.abort();
          await current.done;
          current = null;
        }
        if (pending.size > 0 && !options.signal.aborted) start();
      };
      const schedule = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          firing = firing.then(fire);
        }, ms);
      };
      onChange = () => {
        // The regrade in progress is stale now; stop it, and start over once the burst is over.
        current?.abort.abort();
        schedule(debounceMs);
      };
      const stopped = new Promise<void>((resolve) => {
        if (options.signal.aborted) resolve();
        options.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      schedule(0);
      try {
        await stopped;
      } finally {
        clearTimeout(timer);
        watcher.close();
        await reading.catch(() => {});
        await firing;
        await (current as { done: Promise<void> } | null)?.done;
      }
    },
  };
}
