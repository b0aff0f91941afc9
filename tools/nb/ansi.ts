/**
 * `stripAnsi()`: remove terminal colour and cursor codes, for messages meant
 * for people (the notebook's own outputs keep theirs).
 *
 * @module
 */

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links).
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * Removes ANSI escape sequences from text.
 *
 * @param text text that may contain escape codes
 * @returns the same text without them
 * @example
 * ```ts
 * stripAnsi("\x1b[31mError\x1b[0m: boom"); // "Error: boom"
 * ```
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
