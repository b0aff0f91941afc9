import assert from "node:assert/strict";
import fc from "fast-check";
import { Deque } from "@course/lib/loop/deque.ts";

Deno.test("property: Deque behaves like an array used as a FIFO queue (1,000 runs)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(fc.integer(), { nil: undefined }), { maxLength: 300 }),
      (ops) => {
        const deque = new Deque<number>(), reference: number[] = [];
        for (const op of ops) {
          if (op === undefined) assert.equal(deque.shift(), reference.shift());
          else {
            deque.push(op);
            reference.push(op);
          }
          assert.equal(deque.length, reference.length);
        }
        assert.deepEqual(deque.toArray(), reference);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("Deque.clear empties it and it stays usable", () => {
  const deque = new Deque<string>(2);
  for (const s of "abcdefghijklmnopqrstuvwxyz") deque.push(s);
  deque.clear();
  assert.equal(deque.length, 0);
  assert.equal(deque.shift(), undefined);
  deque.push("z");
  assert.deepEqual(deque.toArray(), ["z"]);
});
