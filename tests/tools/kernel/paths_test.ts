import assert from "node:assert/strict";
import { isEphemeralDenoPath, kernelSpecDir, stableDenoPath } from "../../../tools/kernel/paths.ts";

Deno.test("kernel specs go where `deno jupyter --install` puts them", () => {
  assert.equal(
    kernelSpecDir("deno", { HOME: "/h" }, "linux"),
    "/h/.local/share/jupyter/kernels/deno",
  );
  assert.equal(
    kernelSpecDir("deno", { HOME: "/h", XDG_DATA_HOME: "/x" }, "linux"),
    "/x/jupyter/kernels/deno",
  );
  assert.equal(kernelSpecDir("deno", { HOME: "/h" }, "darwin"), "/h/Library/Jupyter/kernels/deno");
});

Deno.test("the course's Deno copy lives in a versioned folder of the user's data dir", () => {
  assert.equal(
    stableDenoPath("2.9.6", { HOME: "/h" }, "linux"),
    "/h/.local/share/deno-async-course/deno-2.9.6/deno",
  );
});

Deno.test("a Deno inside npx's cache counts as ephemeral, others do not", () => {
  assert.equal(isEphemeralDenoPath("/h/.npm/_npx/0a1b/node_modules/deno/deno"), true);
  assert.equal(isEphemeralDenoPath("/usr/lib/node_modules/deno/deno"), false);
  assert.equal(isEphemeralDenoPath("/h/my_npx_tools/deno"), false);
});
