/**
 * `linesOf()`: a child process's output, line by line.
 *
 * @module
 */

/** Options for `linesOf`. */
export interface LinesOptions {
  /** Called with the size of each chunk as it arrives (to cap a child's output). */
  onBytes?: (bytes: number) => void;
  /**
   * The longest unfinished line kept, in characters; past it only the tail is
   * kept, so a child printing one endless line cannot exhaust memory.
   */
  maxLength?: number;
}

/**
 * Splits a byte stream into lines as it arrives (UTF-8, without the `\n`); a
 * line split across chunks comes out whole, and a last line without a newline
 * is yielded too.
 *
 * @param stream e.g. a child process's `stdout` or `stderr`
 * @param options a byte counter and a bound on line length
 * @returns the lines, in order
 * @example
 * ```ts
 * const child = new Deno.Command("jupyter", { args: ["--version"], stdout: "piped" }).spawn();
 * for await (const line of linesOf(child.stdout)) console.log(line);
 * ```
 */
export async function* linesOf(
  stream: ReadableStream<Uint8Array>,
  options: LinesOptions = {},
): AsyncGenerator<string> {
  const { onBytes, maxLength = Infinity } = options;
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    onBytes?.(chunk.length);
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split("\n");
    rest = parts.pop()!;
    if (rest.length > maxLength) rest = rest.slice(-maxLength);
    yield* parts;
  }
  if (rest) yield rest;
}
