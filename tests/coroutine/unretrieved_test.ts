import assert from "node:assert/strict";

Deno.test("test_task_exception_never_retrieved: a dropped failed task is reported while the loop runs, not only at close", async () => {
  const probe = new URL("./_dropped_task_probe.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", probe],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const result = JSON.parse(text.trim().split("\n").at(-1)!);
  assert.equal(result.collected, true, "the failed task was garbage collected");
  assert.deepEqual(result.reports, [{
    message: "Task exception was never retrieved",
    error: "RangeError: nobody looks at me",
    at: "running",
  }]);
});
