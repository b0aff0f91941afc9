import assert from "node:assert/strict";
import { loopPlayer, loopViews, SnapshotRecorder } from "@course/lib";

Deno.test("snapshots of another loop's state play as they were taken, copied at the time", () => {
  const recorder = new SnapshotRecorder();
  const ready = ["soup", "toast"];
  recorder.snap("both ready", { time: 0, ready, timers: [] });
  ready.length = 0; // the loop moves on; the snapshot must not
  recorder.snap("soup sleeps", {
    time: 0,
    running: "soup",
    ready: ["toast"],
    timers: [{ when: 2, name: "wake soup" }],
    waiting: [{ task: "main", on: "join soup" }],
  });
  const views = loopViews(recorder.events);
  assert.deepEqual(views[1].ready.map((i) => i.name), ["soup", "toast"]);
  assert.equal(views[2].running, "soup");
  assert.deepEqual(views[2].timers.map((t) => [t.when, t.name]), [[2, "wake soup"]]);
  assert.deepEqual(views[2].waiting.map((w) => `${w.task} ${w.on}`), ["main join soup"]);
  assert.equal(loopPlayer(recorder.events).steps, 2);
});

Deno.test("a snapshot without a clock reading is refused with what to pass", () => {
  assert.throws(
    () => new SnapshotRecorder().snap("x", { time: NaN, ready: [], timers: [] }),
    /time must be a number of seconds/,
  );
});
