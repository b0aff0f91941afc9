import assert from "node:assert/strict";
import { countPrimes, runInProcess } from "@course/lib/scheduler/mod.ts";

Deno.test("a function runs in another process and its result comes back", async () => {
  const run = await runInProcess((n: number) => {
    console.log("hello from the child");
    return { doubled: n * 2 };
  }, 21);
  assert.deepEqual(run.value, { doubled: 42 });
  assert.notEqual(run.pid, Deno.pid);
  assert.equal(run.stdout, "hello from the child\n");
});

Deno.test("the course's CPU job runs in a subprocess too", async () => {
  assert.equal((await runInProcess(countPrimes, 10_000)).value, 1229);
});

Deno.test("an error in the child is reported with its message", async () => {
  await assert.rejects(
    runInProcess(() => {
      throw new Error("child broke");
    }, null),
    /subprocess failed \(exit code 1\)[\s\S]*child broke/,
  );
});
