import assert from "node:assert/strict";
import { OutputRecorder } from "../../../tools/nb/output_recorder.ts";

Deno.test("outputs are recorded in arrival order, as nbformat outputs", () => {
  const recorder = new OutputRecorder();
  const outputs = recorder.startCell();
  recorder.record("stream", { name: "stdout", text: "a\n" });
  recorder.record("execute_result", {
    execution_count: 3,
    data: { "text/plain": "1" },
    metadata: {},
  });
  recorder.record("error", { ename: "TypeError", evalue: "x", traceback: ["l1"] });
  assert.equal(recorder.record("status", { execution_state: "idle" }), false);
  assert.deepEqual(outputs, [
    { output_type: "stream", name: "stdout", text: "a\n" },
    {
      output_type: "execute_result",
      execution_count: 3,
      data: { "text/plain": "1" },
      metadata: {},
    },
    { output_type: "error", ename: "TypeError", evalue: "x", traceback: ["l1"] },
  ]);
});

Deno.test("clear_output clears now, or just before the next output with wait", () => {
  const recorder = new OutputRecorder();
  const outputs = recorder.startCell();
  recorder.record("stream", { name: "stdout", text: "1" });
  recorder.record("clear_output", { wait: false });
  assert.deepEqual(outputs, []);
  recorder.record("stream", { name: "stdout", text: "2" });
  recorder.record("clear_output", { wait: true });
  assert.equal(outputs.length, 1);
  recorder.record("stream", { name: "stdout", text: "3" });
  assert.deepEqual(outputs, [{ output_type: "stream", name: "stdout", text: "3" }]);
});

Deno.test("update_display_data rewrites the display it names, even in an earlier cell", () => {
  const recorder = new OutputRecorder();
  const first = recorder.startCell();
  const transient = { display_id: "progress" };
  recorder.record("display_data", { data: { "text/plain": "0%" }, metadata: {}, transient });
  const second = recorder.startCell();
  recorder.record("update_display_data", {
    data: { "text/plain": "100%" },
    metadata: {},
    transient,
  });
  assert.deepEqual(first, [{
    output_type: "display_data",
    data: { "text/plain": "100%" },
    metadata: {},
  }]);
  assert.deepEqual(second, []);
});
