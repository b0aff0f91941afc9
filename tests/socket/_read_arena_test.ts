import assert from "node:assert/strict";
import { ReadArena } from "../../lib/socket/_read_arena.ts";

/** What a native read of `bytes` does: fills the start of the space it was given. */
function read(arena: ReadArena, bytes: number[]): Uint8Array {
  const space = arena.space();
  assert.ok(space.length >= bytes.length, "the test's read fits the space");
  space.set(bytes);
  return arena.take(bytes.length);
}

Deno.test("bytes handed out keep their values while later reads fill the same buffer", () => {
  const arena = new ReadArena(16, 16);
  const first = read(arena, [1, 2, 3]);
  const second = read(arena, [4, 5]);
  const third = read(arena, [6, 7, 8, 9]);
  assert.deepEqual([...first, ...second, ...third], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Small reads share one allocation: that is the point of the arena.
  assert.equal(first.buffer, third.buffer);
});

Deno.test("a new buffer once less than a quarter is left; the old views stay valid", () => {
  const arena = new ReadArena(16, 16);
  const old = read(arena, Array.from({ length: 13 }, (_, i) => i));
  assert.equal(arena.space().length, 16, "3 bytes left of 16: a fresh buffer");
  const fresh = read(arena, [99]);
  assert.notEqual(fresh.buffer, old.buffer);
  assert.deepEqual([...old], Array.from({ length: 13 }, (_, i) => i));
});

Deno.test("a read that fills its space doubles the next buffer, up to the maximum", () => {
  const arena = new ReadArena(8, 32);
  read(arena, new Array(8).fill(1)); // full: more may be waiting
  assert.equal(arena.space().length, 16);
  read(arena, new Array(16).fill(2));
  assert.equal(arena.space().length, 32);
  read(arena, new Array(32).fill(3));
  assert.equal(arena.space().length, 32, "never past the maximum");
});

Deno.test("a first size above the maximum is capped", () => {
  assert.equal(new ReadArena(1024, 100).space().length, 100);
});
