import assert from "node:assert/strict";
import { ensureJupyter, jupyterNotebookVersion } from "../../../tools/kernel/jupyter.ts";

Deno.test("ensureJupyter finds the installed Notebook without installing anything", async () => {
  const logged: string[] = [];
  const version = await ensureJupyter({ allowInstall: false, log: (l) => logged.push(l) });
  assert.match(version, /^\d+\.\d+/);
  assert.equal(version, await jupyterNotebookVersion());
  assert.deepEqual(logged, []);
});
