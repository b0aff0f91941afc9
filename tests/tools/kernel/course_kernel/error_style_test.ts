/**
 * The proxy's error styling (error_style.py): a cell's error is shown once,
 * in red like a failed cell, with its stack in grey; nothing else changes.
 */
import assert from "node:assert/strict";
import { jupyterPython } from "../../../../tools/kernel/course_kernel/install.ts";

const DIR = new URL("../../../../tools/kernel/course_kernel/", import.meta.url).pathname;

async function styled(contents: unknown[]): Promise<Record<string, unknown>[]> {
  const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(DIR)})\n` +
    `from error_style import style_error\n` +
    `print(json.dumps([style_error(c) for c in json.load(sys.stdin)]))`;
  const child = new Deno.Command(await jupyterPython(), {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(contents)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

Deno.test("error style: the message is bold red, the stack grey, the fields kept", async () => {
  const [out] = await styled([{
    ename: "TypeError",
    evalue: "fetch failed",
    traceback: [
      "TypeError: fetch failed\n    at mainFetch (ext:deno_fetch/26_fetch.js:1:1)",
      "    at <anonymous>:1:65",
    ],
  }]);
  assert.equal(out.ename, "TypeError");
  assert.equal(out.evalue, "fetch failed");
  assert.deepEqual(out.traceback, [
    "\x1b[1;31mTypeError: fetch failed\x1b[0m",
    "\x1b[90m    at mainFetch (ext:deno_fetch/26_fetch.js:1:1)\x1b[0m",
    "\x1b[90m    at <anonymous>:1:65\x1b[0m",
  ]);
});

Deno.test("error style: an error without traceback still shows, once; coloured ones are kept", async () => {
  const coloured = ["\x1b[31mAlready red\x1b[0m"];
  const [bare, kept] = await styled([
    { ename: "Interrupted", evalue: "the cell was interrupted", traceback: [] },
    { ename: "E", evalue: "v", traceback: coloured },
  ]);
  assert.deepEqual(bare.traceback, ["\x1b[1;31mInterrupted: the cell was interrupted\x1b[0m"]);
  assert.deepEqual(kept.traceback, coloured);
});

Deno.test("error style: a name not defined yet says to run the earlier cell first", async () => {
  const [undefinedName, other] = await styled([
    {
      ename: "ReferenceError",
      evalue: "server is not defined",
      traceback: ["ReferenceError: server is not defined", "    at <anonymous>:1:1"],
    },
    { ename: "ReferenceError", evalue: "Cannot access 'x' before initialization", traceback: [] },
  ]);
  assert.deepEqual((undefinedName.traceback as string[]).slice(2), [
    "If an earlier cell defines `server`, run that cell first (or Cell > Run All Above).",
  ]);
  assert.equal((other.traceback as string[]).length, 1);
});
