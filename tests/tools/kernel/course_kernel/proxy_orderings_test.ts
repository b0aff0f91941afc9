/**
 * The proxy's barrier, deterministically: proxy_orderings.py feeds one Proxy the
 * message orderings Deno's kernel produces (a cell's output after its reply and
 * idle, stamped with the next request; Run All; the sentinel's three messages
 * in every order; a failed sentinel) through the proxy's own handlers, with no
 * kernel and no timing. proxy_test.ts checks the same end to end, by sampling.
 */
import assert from "node:assert/strict";
import { jupyterPython } from "../../../../tools/kernel/course_kernel/install.ts";

const CASES = new URL("./proxy_orderings.py", import.meta.url).pathname;
const KERNEL_DIR = new URL("../../../../tools/kernel/course_kernel/", import.meta.url).pathname;

Deno.test("course kernel proxy: every output reaches its own cell, whatever order Deno sends it in", async () => {
  const { code, stderr } = await new Deno.Command(await jupyterPython(), {
    args: [CASES, KERNEL_DIR],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const report = new TextDecoder().decode(stderr);
  assert.equal(code, 0, `proxy_orderings.py failed:\n${report}`);
  assert.match(report, /Ran 7 tests/, report);
});
