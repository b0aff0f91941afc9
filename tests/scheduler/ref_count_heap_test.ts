import assert from "node:assert/strict";
import { RefCountHeap } from "@course/lib/scheduler/mod.ts";

Deno.test("counts go up and down, and the object is freed at zero", () => {
  const heap = new RefCountHeap();
  heap.create("x");
  assert.equal(heap.incref("x"), 2);
  assert.equal(heap.decref("x"), 1);
  assert.equal(heap.decref("x"), 0);
  assert.equal(heap.isAlive("x"), false);
  assert.deepEqual(heap.log, [
    "create x (count 1)",
    "incref x (count 2)",
    "decref x (count 1)",
    "decref x (count 0)",
    "free x",
  ]);
  assert.throws(() => heap.decref("x"), /decref x: no live object named x/);
});

Deno.test("freeing an object drops its references: a cascade down a chain", () => {
  const heap = new RefCountHeap();
  for (const name of ["a", "b", "c"]) heap.create(name);
  heap.link("a", "b");
  heap.link("b", "c");
  heap.decref("c");
  heap.decref("b");
  assert.deepEqual(heap.objects(), [
    { name: "a", count: 1, refs: ["b"] },
    { name: "b", count: 1, refs: ["c"] },
    { name: "c", count: 1, refs: [] },
  ]);
  const before = heap.log.length;
  heap.decref("a");
  assert.deepEqual(heap.log.slice(before), [
    "decref a (count 0)",
    "free a",
    "decref b (count 0)",
    "free b",
    "decref c (count 0)",
    "free c",
  ]);
  assert.deepEqual(heap.objects(), []);
});

Deno.test("a shared object survives until its last holder lets go", () => {
  const heap = new RefCountHeap();
  heap.create("left");
  heap.create("right");
  heap.create("shared");
  heap.link("left", "shared");
  heap.link("right", "shared");
  assert.equal(heap.decref("shared"), 2);
  heap.decref("left");
  assert.equal(heap.count("shared"), 1);
  assert.equal(heap.unlink("right", "shared"), 0);
  assert.equal(heap.isAlive("shared"), false);
  assert.equal(heap.isAlive("right"), true);
});

Deno.test("a cycle never reaches zero: both objects leak, and the cycle collector frees them", () => {
  const heap = new RefCountHeap();
  heap.create("a");
  heap.create("b");
  heap.link("a", "b");
  heap.link("b", "a");
  assert.deepEqual(heap.leaked(), []); // the variables still hold them
  heap.decref("a");
  heap.decref("b");
  assert.equal(heap.count("a"), 1);
  assert.equal(heap.count("b"), 1);
  assert.deepEqual(heap.leaked(), ["a", "b"]);
  assert.deepEqual(heap.collectCycles(), ["a", "b"]);
  assert.deepEqual(heap.objects(), []);
  assert.ok(heap.log.includes("collect cycles: a, b"));
});

Deno.test("a cycle held from outside is not leaked; it leaks once its holder is freed", () => {
  const heap = new RefCountHeap();
  for (const name of ["root", "x", "y", "loner"]) heap.create(name);
  heap.link("root", "x");
  heap.link("x", "y");
  heap.link("y", "x");
  heap.link("y", "loner");
  for (const name of ["x", "y", "loner"]) heap.decref(name);
  assert.deepEqual(heap.leaked(), []);
  heap.decref("root");
  assert.deepEqual(heap.leaked(), ["x", "y", "loner"]);
  heap.collectCycles();
  assert.deepEqual(heap.objects(), []);
});

Deno.test("misuse is an error that says what went wrong", () => {
  const heap = new RefCountHeap();
  heap.create("a");
  assert.throws(() => heap.create("a"), /already alive/);
  assert.throws(() => heap.link("a", "ghost"), /no live object named ghost/);
  assert.deepEqual(heap.objects(), [{ name: "a", count: 1, refs: [] }]);
  assert.throws(() => heap.unlink("a", "a"), /a does not reference a/);
});
