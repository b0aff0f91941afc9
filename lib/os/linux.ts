/**
 * Whether this machine offers Linux's `/proc` files, which the evidence cells
 * read (per-thread CPU times, context switches). On macOS and Windows they
 * are absent: cells check {@linkcode hasProc} first and say why they skip.
 *
 * @module
 */

/**
 * True when `/proc/thread-self/stat` can be read (Linux, with read permission).
 * @returns Whether the `/proc` measurements of `@course/lib` work here.
 * @example
 * ```ts
 * import { hasProc } from "@course/lib";
 * console.log(hasProc() ? "Linux /proc is here" : "no /proc: the cell skips");
 * ```
 */
export function hasProc(): boolean {
  try {
    Deno.readTextFileSync("/proc/thread-self/stat");
    return true;
  } catch {
    return false;
  }
}

/**
 * The message a Linux-only cell prints when it skips.
 * @param what What the cell would have measured.
 * @returns One line for the learner, naming the platform found.
 * @example
 * ```ts
 * import { linuxOnlyMessage } from "@course/lib";
 * console.log(linuxOnlyMessage("per-thread CPU times"));
 * ```
 */
export function linuxOnlyMessage(what: string): string {
  return `skipped: ${what} are read from Linux's /proc, and this machine (${Deno.build.os}) ` +
    "has none. The prose next to this cell says what Linux shows.";
}
