// The outside check of issue 19, kept here: CPython's asyncio tests ported to the course's API
// must behave as CPython specifies in at least 95% of the ported cases. The ports themselves run
// (and must all pass) as the other test files of this folder; this counts what they claim.
import assert from "node:assert/strict";
import { parseSkipped, TallySchema } from "./tally.ts";

const MINIMUM_PERCENT = 95;

async function tallyInSubprocess() {
  // tally.ts imports every port file: under `deno run` their Deno.test calls register nothing
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("tally.ts", import.meta.url).pathname, "--json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return TallySchema.parse(JSON.parse(new TextDecoder().decode(stdout)));
}

Deno.test("CPython ports: at least 95% behave as CPython specifies, every file counted once", async () => {
  const tally = await tallyInSubprocess();
  console.log(
    `ported ${tally.total.ported}, as CPython ${tally.total.asCPython}, ` +
      `deliberate ${tally.total.deliberate}, skipped ${tally.total.skipped} ` +
      `(${tally.percentAsCPython.toFixed(1)}%)`,
  );
  assert.ok(
    tally.percentAsCPython >= MINIMUM_PERCENT,
    `${tally.percentAsCPython}% < ${MINIMUM_PERCENT}%`,
  );
  assert.deepEqual(tally.duplicates, []);
  assert.deepEqual(tally.skippedAndPorted, []);
  const files = tally.files.map((f) => f.file);
  for (
    const file of [
      "test_futures",
      "test_tasks",
      "test_waitfor",
      "test_base_events",
      "test_runners",
      "test_locks",
      "test_queues",
      "test_taskgroups",
      "test_timeouts",
      "test_eager_task_factory",
    ]
  ) assert.ok(files.includes(file), `no ports of ${file}`);
  // The five files of the first outside check (203 tests then) are held to the same bar.
  const first = tally.files.filter((f) =>
    ["test_futures", "test_tasks", "test_waitfor", "test_base_events", "test_runners"].includes(
      f.file,
    )
  );
  const ported = first.reduce((n, f) => n + f.ported, 0);
  const asCPython = first.reduce((n, f) => n + f.asCPython, 0);
  assert.ok(ported >= 180, `only ${ported} of the first five files' tests are ported`);
  assert.ok((100 * asCPython) / ported >= MINIMUM_PERCENT);
});

Deno.test("SKIPPED.md: a row outside a file's section is a clear error", () => {
  assert.throws(
    () => parseSkipped("| `test_x` | a reason |"),
    /before any "## test_\.\.\." heading/,
  );
  assert.deepEqual(parseSkipped("## test_futures\n| `test_x` | a reason |"), [
    { file: "test_futures", name: "test_x", reason: "a reason" },
  ]);
});
