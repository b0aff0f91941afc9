/**
 * `deno task test` leaves nothing running: not when a step fails (the
 * browser does not start), not when the run is interrupted (Ctrl-C while
 * Jupyter and a kernel run). Each run here gets its own tag, and afterwards
 * no process carrying it may remain.
 */
import assert from "node:assert/strict";
import { taggedProcesses } from "../../tools/setup/leftovers.ts";
import { TEST_TAG_VARIABLE } from "../../tools/test.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

function startTestRun(step: string, tag: string, env: Record<string, string> = {}) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/test.ts", step],
    cwd: ROOT,
    env: { ...env, [TEST_TAG_VARIABLE]: tag, NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Its own process group, so that a SIGINT to the group is a terminal's Ctrl-C.
    detached: true,
  }).spawn();
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string, seconds = 120): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== null) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

Deno.test("a browser that does not start: the step fails and no process of it is left", async () => {
  const tag = crypto.randomUUID();
  const run = startTestRun("e2e", tag, { COURSE_CHROMIUM: "/nonexistent/chromium" });
  const { code, stdout, stderr } = await run.output();
  const said = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 1, said);
  assert.match(said, /FAIL browser \(e2e\)/);
  assert.match(said, /nonexistent\/chromium/);
  assert.deepEqual(await taggedProcesses(tag), []);
});

Deno.test("Ctrl-C while notebooks run in Jupyter: the run ends and no process of it is left", async () => {
  const tag = crypto.randomUUID();
  const run = startTestRun("notebooks in Jupyter", tag);
  const output = run.output();
  // Interrupt once a kernel (the course proxy) is up: Jupyter, the proxy and Deno all run.
  await waitFor(async () => {
    const running = await taggedProcesses(tag);
    return running.some((p) => p.command.includes("proxy.py")) ? running : null;
  }, "a course kernel of the run");
  Deno.kill(-run.pid, "SIGINT");
  const { code, stdout } = await output;
  assert.equal(code, 130, new TextDecoder().decode(stdout));
  assert.deepEqual(await taggedProcesses(tag), []);
});
