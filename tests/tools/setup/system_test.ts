import assert from "node:assert/strict";
import {
  CHROMIUM,
  ensureSystem,
  installCommand,
  JUPYTER,
  MissingSystemPackages,
  NETCAT,
  type SystemRequirement,
} from "../../../tools/setup/system.ts";

const absent = (name: string, pkg: string): SystemRequirement => ({
  name,
  debianPackages: [pkg],
  otherwise: `get ${name}`,
  present: () => Promise.resolve(false),
});

Deno.test("the install command names the exact Debian packages, with sudo only when needed", () => {
  assert.equal(
    installCommand([JUPYTER], true, true),
    "apt-get update && apt-get install -y jupyter-notebook python3-nbclient jupyter-nbconvert",
  );
  assert.equal(
    installCommand([CHROMIUM, NETCAT], true, false),
    "sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core netcat-openbsd",
  );
  assert.match(installCommand([JUPYTER], false, false), /pip install --user "notebook<7"/);
});

Deno.test("not root: what is missing is named with its command, at once, and nothing runs", async () => {
  const logged: string[] = [];
  const error = await ensureSystem([absent("Thing", "thing-pkg"), absent("Other", "other-pkg")], {
    debian: true,
    root: false,
    log: (line) => logged.push(line),
  }).then(() => null, (e) => e);
  assert.ok(error instanceof MissingSystemPackages);
  assert.equal(error.command, "sudo apt-get update && sudo apt-get install -y thing-pkg other-pkg");
  assert.deepEqual(logged, [
    "setup: Thing, Other not found. Install with:",
    "  sudo apt-get update && sudo apt-get install -y thing-pkg other-pkg",
  ]);
});

Deno.test("installing may be refused even as root, and then nothing runs either", async () => {
  await assert.rejects(
    ensureSystem([absent("Thing", "thing-pkg")], {
      debian: true,
      root: true,
      allowInstall: false,
      log: () => {},
    }),
    MissingSystemPackages,
  );
});

Deno.test("what is present needs nothing: Jupyter, Chromium and nc are on this machine", async () => {
  const logged: string[] = [];
  const installed = await ensureSystem([JUPYTER, CHROMIUM, NETCAT], {
    allowInstall: false,
    log: (line) => logged.push(line),
  });
  assert.deepEqual(installed, []);
  assert.deepEqual(logged, []);
});
