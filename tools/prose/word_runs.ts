/**
 * Word runs ("shingles"): the tool behind the check that no sentence of the
 * source notes is copied into the course.
 *
 * Text is folded to lower-case words (letters, digits, apostrophes), markup and
 * punctuation dropped, then every run of `size` consecutive words is hashed.
 * Comparing hashes lets the repository keep a fingerprint of the notes without
 * keeping their sentences.
 *
 * @module
 */

/** How many consecutive words make a run that counts as copied. */
export const RUN_SIZE = 6;

/**
 * Splits text into lower-case words, ignoring markup and punctuation.
 *
 * @param text Prose, Markdown or reStructuredText.
 * @returns The words in order.
 * @example
 * ```ts
 * words("A *socket* is low-level!"); // ["a", "socket", "is", "low", "level"]
 * ```
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9']+/g)?.map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => w.length > 0) ?? [];
}

/**
 * Hashes a string with 32-bit FNV-1a, as 8 hex digits.
 *
 * @param text The string to hash.
 * @returns Its hash.
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Every run of `size` consecutive words of a text, each with its hash.
 *
 * @param text The text to cut into runs.
 * @param size Words per run.
 * @returns The runs, as their words joined by one space, and their hashes.
 * @example
 * ```ts
 * wordRuns("one two three", 2).map((r) => r.run); // ["one two", "two three"]
 * ```
 */
export function wordRuns(text: string, size = RUN_SIZE): { run: string; hash: string }[] {
  const ws = words(text);
  const runs: { run: string; hash: string }[] = [];
  for (let i = 0; i + size <= ws.length; i++) {
    const run = ws.slice(i, i + size).join(" ");
    runs.push({ run, hash: fnv1a(run) });
  }
  return runs;
}

/**
 * The prose of a reStructuredText document: code blocks, inline literals and
 * links dropped, so that a fingerprint covers sentences, not code or citations.
 *
 * @param rst The document.
 * @returns Its prose, paragraph breaks kept.
 */
export function rstProse(rst: string): string {
  const kept: string[] = [];
  let inBlock = false;
  for (const line of rst.split("\n")) {
    if (/^\s*\.\. code-block::/.test(line)) {
      inBlock = true;
      continue;
    }
    // A code block ends at the first non-blank line that is not indented.
    if (inBlock && line.trim() !== "" && !/^\s/.test(line)) inBlock = false;
    if (!inBlock) kept.push(line);
  }
  return kept.join("\n").replace(/``[^`]*``/g, " ").replace(/`[^`]*<[^>]*>`_/g, " ");
}

if (import.meta.main) {
  // Prints the fingerprint of a source text: the sorted, unique hashes of its runs.
  const [path] = Deno.args;
  if (!path) {
    console.error(
      "usage: deno run --allow-read tools/prose/word_runs.ts NOTES_FILE > fingerprint.json",
    );
    Deno.exit(2);
  }
  const hashes = [...new Set(wordRuns(rstProse(await Deno.readTextFile(path))).map((r) => r.hash))]
    .sort();
  console.log(JSON.stringify({ runSize: RUN_SIZE, hashes }));
}
