/**
 * `linesOf()`: a child process's output, line by line.
 *
 * @module
 */

/**
 * Splits a byte stream into lines as it arrives (UTF-8, without the `\n`); a
 * last line without a newline is yielded too.
 *
 * @param stream e.g. a child process's `stdout` or `stderr`
 * @returns the lines, in order
 * @example
 * ```ts
 * const child = new Deno.Command("jupyter", { args: ["--version"], stdout: "piped" }).spawn();
 * for await (const line of linesOf(child.stdout)) console.log(line);
 * ```
 */
export async function* linesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}
