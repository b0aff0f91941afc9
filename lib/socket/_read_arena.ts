/**
 * Where a real socket's native reads land. Speed work for `deno task bench
 * echo`: see lib/README.md.
 *
 * A socket must hand each read's bytes to its reader as an array of their own,
 * and under Deno every new `ArrayBuffer`, however small, costs about as much as
 * a whole message's trip through the loop (V8 keeps none of them on its own
 * heap here; `bench/alloc.ts` measures it). So reads fill one buffer front to
 * back, each read's bytes are handed out as a view of their part of it, and a
 * new buffer is made only when what is left of the current one is too short
 * for a good read: small messages share one allocation. Node's `Buffer` pool
 * does the same, for the same reason.
 *
 * @module
 */

/**
 * One socket's read buffer, filled front to back and handed out in views.
 *
 * @example
 * ```ts
 * import { ReadArena } from "@course/lib/socket/_read_arena.ts";
 * const arena = new ReadArena(8, 64);
 * arena.space().set([1, 2, 3]); // what a native read of 3 bytes does
 * const first = arena.take(3);
 * arena.space().set([4, 5]);
 * console.log(first, arena.take(2)); // Uint8Array(3) [ 1, 2, 3 ] Uint8Array(2) [ 4, 5 ]
 * ```
 */
export class ReadArena {
  #buffer: Uint8Array;
  #used = 0;
  #size: number;
  readonly #maxSize: number;

  /**
   * @param size The size of the first buffer.
   * @param maxSize The most a buffer grows to, doubling after each read that fills its space.
   */
  constructor(size: number, maxSize: number) {
    this.#size = Math.min(size, maxSize);
    this.#maxSize = maxSize;
    this.#buffer = new Uint8Array(this.#size);
  }

  /**
   * The space the next read may fill: the rest of the current buffer, or a new buffer once less
   * than a quarter of it is left. Bytes handed out before stay where they are.
   * @returns A view of free space, at least a quarter of the buffer size long.
   */
  space(): Uint8Array {
    if (this.#buffer.length - this.#used < this.#size / 4) {
      this.#buffer = new Uint8Array(this.#size);
      this.#used = 0;
    }
    return this.#buffer.subarray(this.#used);
  }

  /**
   * Hands out the `n` bytes the last read put at the start of {@link space}, as a view that no
   * later read overwrites. A read that filled all its space may have left more behind: the next
   * buffer is then twice as big (up to the maximum), so a fast sender gets big reads.
   * @param n How many bytes the read put there.
   * @returns Those bytes.
   */
  take(n: number): Uint8Array {
    const start = this.#used;
    if (n === this.#buffer.length - start && this.#size < this.#maxSize) {
      this.#size = Math.min(2 * this.#size, this.#maxSize);
    }
    this.#used = start + n;
    return this.#buffer.subarray(start, start + n);
  }
}
