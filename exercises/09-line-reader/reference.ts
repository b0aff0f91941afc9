/**
 * The reference line reader the checks compare with: bytes are kept until a
 * newline completes them, and only whole lines are decoded.
 *
 * @module
 */

/**
 * Makes a feed function that returns the lines each chunk completes.
 *
 * @returns `feed(chunk)`: the completed lines, without `"\n"`.
 */
export function referenceLineReader(): (chunk: Uint8Array) => string[] {
  const decoder = new TextDecoder();
  let pending: number[] = [];
  return (chunk) => {
    const lines: string[] = [];
    for (const byte of chunk) {
      if (byte === 10) {
        lines.push(decoder.decode(new Uint8Array(pending)));
        pending = [];
      } else pending.push(byte);
    }
    return lines;
  };
}

/**
 * Cuts `bytes` into chunks at seeded random places (some chunks empty).
 *
 * @param bytes The whole stream.
 * @param seed The seed: the same seed, the same cuts.
 * @returns The chunks, in order.
 */
export function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = Math.floor(random() * 40); // 0 to 39 bytes: empty chunks happen too
    chunks.push(bytes.slice(at, at + size));
    at += size;
  }
  return chunks;
}
