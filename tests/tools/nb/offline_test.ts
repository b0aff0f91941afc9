/**
 * After one online setup, the notebook runner needs no network: the course
 * kernel loads `@course/lib` and its npm packages from the local cache.
 */
import assert from "node:assert/strict";
import { codeNotebook } from "../../../tools/nb/code_notebook.ts";
import { runDenoOffline } from "../../_offline.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

Deno.test("deno task nb runs a notebook that uses the library, with the network cut", async () => {
  // Inside the repo, so that the kernel finds deno.json and its import map.
  const dir = await Deno.makeTempDir({ dir: `${ROOT}.course`, prefix: "offline-nb-" });
  try {
    const notebook = codeNotebook([
      'import { EventLoop, timeline } from "@course/lib";',
      "const loop = new EventLoop();\nloop.callSoon(() => console.log('ran'));\nloop.runOnce();",
      "typeof timeline",
    ], "offline");
    await Deno.writeTextFile(`${dir}/offline.ipynb`, JSON.stringify(notebook));
    const out = await runDenoOffline(["task", "nb", `${dir}/offline.ipynb`], ROOT);
    assert.equal(out.code, 0, `${out.how}:\n${out.stdout}\n${out.stderr}`);
    assert.match(out.stdout, /1 of 1 notebooks ran cleanly/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
