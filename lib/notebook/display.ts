/**
 * Rich cell output: an HTML fragment with a plain-text fallback, shown by
 * Deno's Jupyter kernel when it is a cell's last value.
 *
 * @module
 */

/** The MIME bundle of an {@linkcode HtmlOutput}. */
export interface HtmlMimeBundle {
  /** The fragment as HTML. */
  "text/html": string;
  /** The same content as plain text, for terminals and front ends without HTML. */
  "text/plain": string;
}

/**
 * HTML for a notebook cell, with a plain-text twin.
 *
 * @example
 * ```ts
 * import { HtmlOutput } from "@course/lib";
 * const out = new HtmlOutput("<b>done</b>", "done");
 * console.log(String(out)); // "done"
 * ```
 */
export class HtmlOutput {
  /**
   * Pairs an HTML fragment with its plain-text twin.
   *
   * @param html The HTML fragment.
   * @param text The same content as plain text.
   */
  constructor(readonly html: string, readonly text: string) {}

  /**
   * The bundle Deno's kernel displays (`Symbol.for("Jupyter.display")`).
   *
   * @returns HTML and plain text.
   */
  [Symbol.for("Jupyter.display")](): HtmlMimeBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }

  /**
   * The plain text, so that printing the output outside Jupyter reads well.
   *
   * @returns The plain-text twin.
   */
  toString(): string {
    return this.text;
  }
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @param text Any text.
 * @returns The text with `& < > " '` escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
