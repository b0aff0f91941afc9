/**
 * Checks for `06-refcount`: the learner's `RefCounter` replays scenarios and
 * must free the same objects as the course's `RefCountHeap`, in one of two
 * orders: each name when its count hits zero, before its cascade (the
 * heap's order), or after its cascade (CPython's deallocators release an
 * object's own memory after dropping its references). Both are right.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, show } from "@course/lib";
import { isDeepStrictEqual } from "node:util";
import { expectedOutcome, type Op, type Outcome, postOrderFrees, SCENARIOS } from "./reference.ts";

interface Counter {
  counts: Map<string, number>;
  freed: string[];
  create(name: string): void;
  link(from: string, to: string): void;
  incref(name: string): void;
  decref(name: string): void;
}

/** Replays a scenario on a fresh learner's heap. */
function replay(RefCounter: unknown, ops: Op[]): Outcome {
  expectFunction(RefCounter, "RefCounter");
  const heap = new (RefCounter as new () => Counter)();
  for (const op of ops) {
    if (op[0] === "link") heap.link(op[1], op[2]);
    else heap[op[0]](op[1]);
  }
  if (!(heap.counts instanceof Map) || !Array.isArray(heap.freed)) {
    fail("keep the `counts` Map and the `freed` array of the starting code");
  }
  return { freed: [...heap.freed], counts: Object.fromEntries(heap.counts) };
}

export default defineChecks<{ RefCounter: unknown }>(
  Object.entries(SCENARIOS).map(([name, ops]) => ({
    name,
    run: ({ RefCounter }) => {
      const got = replay(RefCounter, ops);
      const want = expectedOutcome(ops);
      expectEqual(got.counts, want.counts, "the counts of the live objects");
      const post = postOrderFrees(ops);
      if (!isDeepStrictEqual(got.freed, want.freed) && !isDeepStrictEqual(got.freed, post)) {
        fail(
          `the objects freed, in order: expected ${show(want.freed)} (each when its count hits ` +
            `zero) or ${show(post)} (each after what it referenced), got ${show(got.freed)}`,
        );
      }
    },
  })),
);
