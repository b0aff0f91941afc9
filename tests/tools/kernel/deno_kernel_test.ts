import assert from "node:assert/strict";
import { ensureDenoKernel, readKernelBinary } from "../../../tools/kernel/deno_kernel.ts";

/** A fake home with a Deno binary copied into an npx-like cache folder. */
async function npxHome(): Promise<{ home: string; npxDeno: string; env: Record<string, string> }> {
  const home = await Deno.makeTempDir({ prefix: "kernel-home-" });
  const cache = `${home}/.npm/_npx/1234/node_modules/deno`;
  await Deno.mkdir(cache, { recursive: true });
  const npxDeno = `${cache}/deno`;
  await Deno.copyFile(Deno.execPath(), npxDeno);
  await Deno.chmod(npxDeno, 0o755);
  return { home, npxDeno, env: { HOME: home, PATH: Deno.env.get("PATH") ?? "" } };
}

Deno.test("a Deno run from npx's cache is copied out, and the kernel spec points at the copy", async () => {
  const { home, npxDeno, env } = await npxHome();
  try {
    const quiet = () => {};
    const first = await ensureDenoKernel({ execPath: npxDeno, version: "9.9.9", env, log: quiet });
    const stable = `${home}/.local/share/deno-async-course/deno-9.9.9/deno`;
    assert.deepEqual(first, {
      specDir: `${home}/.local/share/jupyter/kernels/deno`,
      denoPath: stable,
      installed: true,
    });
    assert.equal(await readKernelBinary(first.specDir), stable);

    // npm wipes its cache: the spec does not care.
    await Deno.remove(`${home}/.npm`, { recursive: true });
    const again = await ensureDenoKernel({ execPath: npxDeno, version: "9.9.9", env, log: quiet });
    assert.equal(again.installed, false);

    // The copy disappears: the next run reinstalls from the binary it runs on, when that is
    // not in npx's cache itself (a copy of ours outside any cache: the suite may run from npx).
    await Deno.remove(stable);
    const installed = `${home}/bin/deno`;
    await Deno.mkdir(`${home}/bin`);
    await Deno.copyFile(Deno.execPath(), installed);
    await Deno.chmod(installed, 0o755);
    const repaired = await ensureDenoKernel({
      execPath: installed,
      version: "9.9.9",
      env,
      log: quiet,
    });
    assert.equal(repaired.installed, true);
    assert.equal(repaired.denoPath, installed);
    assert.ok((await Deno.stat(repaired.denoPath)).isFile);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a kernel spec whose binary lives in npx's cache is replaced", async () => {
  const { home, npxDeno, env } = await npxHome();
  try {
    const specDir = `${home}/.local/share/jupyter/kernels/deno`;
    await Deno.mkdir(specDir, { recursive: true });
    await Deno.writeTextFile(
      `${specDir}/kernel.json`,
      JSON.stringify({ argv: [npxDeno, "jupyter", "--kernel", "--conn", "{connection_file}"] }),
    );
    const status = await ensureDenoKernel({
      execPath: npxDeno,
      version: "9.9.9",
      env,
      log: () => {},
    });
    assert.equal(status.installed, true);
    assert.equal(status.denoPath, `${home}/.local/share/deno-async-course/deno-9.9.9/deno`);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
