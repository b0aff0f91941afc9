import assert from "node:assert/strict";
import {
  ensureJupyter,
  jupyterInstallCommand,
  jupyterNotebookVersion,
} from "../../../tools/kernel/jupyter.ts";

Deno.test("the install hint names the exact Debian packages, with sudo only when needed", () => {
  const packages = "jupyter-notebook python3-nbclient jupyter-nbconvert";
  assert.equal(
    jupyterInstallCommand(true, true),
    `apt-get update && apt-get install -y ${packages}`,
  );
  assert.equal(
    jupyterInstallCommand(true, false),
    `sudo apt-get update && sudo apt-get install -y ${packages}`,
  );
  assert.match(jupyterInstallCommand(false, false), /pip install --user "notebook<7"/);
});

Deno.test("ensureJupyter finds the installed Notebook without installing anything", async () => {
  const logged: string[] = [];
  const version = await ensureJupyter({ allowInstall: false, log: (l) => logged.push(l) });
  assert.match(version, /^\d+\.\d+/);
  assert.equal(version, await jupyterNotebookVersion());
  assert.deepEqual(logged, []);
});
