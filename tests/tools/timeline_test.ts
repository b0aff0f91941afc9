import assert from "node:assert/strict";
import { simulateCpu } from "@course/lib/scheduler/mod.ts";
import { parseTimelineArgs, runTimelineCli } from "../../tools/timeline.ts";

Deno.test("the CLI draws a saved simulator result to an SVG file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const result = simulateCpu({
      policy: "rr",
      quantum: 4,
      processes: [{ name: "P1", burst: 24 }, { name: "P2", burst: 3 }],
    });
    await Deno.writeTextFile(`${dir}/rr.json`, JSON.stringify(result));
    const svg = await runTimelineCli([`${dir}/rr.json`, "-o", `${dir}/rr.svg`, "--by", "core"]);
    assert.equal(await Deno.readTextFile(`${dir}/rr.svg`), svg);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, />core 0</);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the CLI explains bad arguments", () => {
  assert.throws(() => parseTimelineArgs([]), /usage: timeline/);
  assert.throws(() => parseTimelineArgs(["a.json", "--by", "thread"]), /--by is task or core/);
  assert.throws(() => parseTimelineArgs(["a.json", "--colour"]), /unknown flag --colour/);
  assert.deepEqual(parseTimelineArgs(["-", "--unit", "s", "--title", "T"]), {
    input: "-",
    output: undefined,
    options: { unit: "s", title: "T" },
  });
});
