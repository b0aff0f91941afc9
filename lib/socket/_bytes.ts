/**
 * A byte-queue helper shared by the real and the simulated sockets: a socket's
 * receive and send buffers are queues of chunks (`Uint8Array[]`), and this
 * takes bytes off the front.
 *
 * @module
 */

/**
 * Takes up to `n` bytes off the front of a queue of chunks, as the kernel's
 * `recv(n)` does: all that is buffered if that is less than `n`. When the first
 * chunk alone is enough (the usual case) the bytes are that chunk or a view of
 * it, never a copy; only bytes spread over several chunks are joined into one
 * new array.
 *
 * @param chunks The queue, oldest chunk first; taken bytes are removed from it.
 * @param n The most bytes to take (at least 1).
 * @returns The bytes, at most `n` of them; empty only if the queue was empty.
 * @example
 * ```ts
 * import { takeBytes } from "@course/lib/socket/_bytes.ts";
 * const queue = [new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])];
 * console.log(takeBytes(queue, 3)); // Uint8Array(3) [ 1, 2, 3 ]
 * console.log(takeBytes(queue, 10)); // Uint8Array(2) [ 4, 5 ]
 * ```
 */
export function takeBytes(chunks: Uint8Array[], n: number): Uint8Array {
  const first = chunks[0];
  if (first === undefined) return new Uint8Array(0);
  if (first.length >= n || chunks.length === 1) {
    if (first.length <= n) {
      chunks.shift();
      return first;
    }
    chunks[0] = first.subarray(n);
    return first.subarray(0, n);
  }
  // Several chunks: count what is there (up to n), then copy it into one array.
  let size = 0;
  for (let i = 0; i < chunks.length && size < n; i++) size += chunks[i].length;
  const out = new Uint8Array(Math.min(n, size));
  let at = 0;
  while (at < out.length) {
    const head = chunks[0];
    const k = Math.min(head.length, out.length - at);
    out.set(k === head.length ? head : head.subarray(0, k), at);
    at += k;
    if (k === head.length) chunks.shift();
    else chunks[0] = head.subarray(k);
  }
  return out;
}
