/**
 * Scenarios for `06-refcount`: each is a list of operations, replayed on the
 * learner's `RefCounter` and on the course's `RefCountHeap`, whose results are
 * the expected ones.
 *
 * @module
 */
import { RefCountHeap } from "@course/lib";

/** One operation on a heap. */
export type Op =
  | ["create", string]
  | ["link", string, string]
  | ["incref", string]
  | ["decref", string];

/** What a heap looks like after a scenario. */
export interface Outcome {
  /** Objects freed, in the order they were freed. */
  freed: string[];
  /** Counts of the objects still alive, by name. */
  counts: Record<string, number>;
}

/** The scenarios, by what they test. */
export const SCENARIOS: Record<string, Op[]> = {
  "incref and decref change the count": [
    ["create", "a"],
    ["incref", "a"],
    ["incref", "a"],
    ["decref", "a"],
  ],
  "an object is freed when its count reaches zero": [
    ["create", "a"],
    ["create", "b"],
    ["decref", "a"],
  ],
  "freeing a list frees the items only it referenced": [
    ["create", "list"],
    ["create", "item1"],
    ["create", "item2"],
    ["link", "list", "item1"],
    ["link", "list", "item2"],
    ["decref", "item1"],
    ["decref", "item2"],
    ["decref", "list"],
  ],
  "an item still held by a variable survives its list": [
    ["create", "list"],
    ["create", "item"],
    ["link", "list", "item"],
    ["decref", "list"],
  ],
  "a cycle never reaches zero": [
    ["create", "a"],
    ["create", "b"],
    ["link", "a", "b"],
    ["link", "b", "a"],
    ["decref", "a"],
    ["decref", "b"],
  ],
  "frees cascade through several levels, shared objects last": [
    ["create", "root"],
    ["create", "x"],
    ["create", "y"],
    ["create", "z"],
    ["link", "root", "x"],
    ["link", "root", "y"],
    ["link", "x", "z"],
    ["link", "y", "z"],
    ["decref", "x"],
    ["decref", "y"],
    ["decref", "z"],
    ["decref", "root"],
  ],
};

/**
 * Replays a scenario on the course's `RefCountHeap`.
 *
 * @param ops The scenario.
 * @returns The objects freed, in order, and the counts of the survivors.
 */
export function expectedOutcome(ops: Op[]): Outcome {
  const heap = new RefCountHeap();
  for (const op of ops) {
    if (op[0] === "link") heap.link(op[1], op[2]);
    else heap[op[0]](op[1]);
  }
  return {
    freed: heap.log.filter((l) => l.startsWith("free ")).map((l) => l.slice(5)),
    counts: Object.fromEntries(heap.objects().map((o) => [o.name, o.count])),
  };
}

/**
 * The order of frees when each object is recorded after the objects it
 * referenced: CPython's deallocators release an object's own memory last,
 * after dropping its references, so a post-order is as faithful as the
 * pre-order of `RefCountHeap` (which records the moment the count hits zero).
 *
 * @param ops The scenario.
 * @returns The names freed, each after its cascade.
 */
export function postOrderFrees(ops: Op[]): string[] {
  const counts = new Map<string, number>();
  const refs = new Map<string, string[]>();
  const freed: string[] = [];
  const decref = (name: string): void => {
    const count = counts.get(name)! - 1;
    counts.set(name, count);
    if (count > 0) return;
    counts.delete(name);
    for (const ref of refs.get(name)!) decref(ref);
    freed.push(name);
  };
  for (const op of ops) {
    if (op[0] === "create") [counts.set(op[1], 1), refs.set(op[1], [])];
    else if (op[0] === "link") {
      [refs.get(op[1])!.push(op[2]), counts.set(op[2], counts.get(op[2])! + 1)];
    } else if (op[0] === "incref") counts.set(op[1], counts.get(op[1])! + 1);
    else decref(op[1]);
  }
  return freed;
}
