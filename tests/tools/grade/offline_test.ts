/**
 * Grading needs no network once the module cache is warm: the sandbox loads
 * from `deno.lock` and the local cache only. The test grades once online (which
 * warms a cold cache), then again with the network cut: in a new network
 * namespace (`unshare -rn`, loopback up) where that works, else with every
 * proxy variable pointing at a closed port.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { HERMETIC_FLAGS, isCacheMiss, sandboxEnv } from "../../../tools/grade/module_cache.ts";
import { copyCourse, keepingNotebooks, readSolution, setExerciseSource } from "./_course_copy.ts";
import { GRADE_MAIN, runGrade } from "./_run_grade.ts";

const ID = "01-fetch-all";

async function canUnshare(): Promise<boolean> {
  try {
    const out = await new Deno.Command("unshare", {
      args: ["-rn", "sh", "-c", "ip link set lo up"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test("grading works with the network cut, after one online run", async () => {
  const copy = await copyCourse();
  try {
    const notebook = join(copy.notebooksDir, "01-async-io.ipynb");
    const solution = await readSolution(ID);
    await setExerciseSource(notebook, ID, solution);
    await keepingNotebooks([copy.notebooksDir], async () => {
      const args = ["--json", "--progress", join(copy.root, "p.json"), notebook];
      const online = await runGrade(args);
      assert.equal(online.code, 0, online.stderr);

      let offline;
      if (await canUnshare()) {
        const command = `ip link set lo up && exec "$0" run -A "$@"`;
        const out = await new Deno.Command("unshare", {
          args: ["-rn", "sh", "-c", command, Deno.execPath(), GRADE_MAIN, ...args],
          env: { NO_COLOR: "1" },
          stdin: "null",
        }).output();
        const decode = (b: Uint8Array) => new TextDecoder().decode(b);
        offline = { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
      } else {
        const proxy = `http://127.0.0.1:${closedPort()}`;
        offline = await runGrade(args, {
          HTTP_PROXY: proxy,
          HTTPS_PROXY: proxy,
          http_proxy: proxy,
          https_proxy: proxy,
        });
      }
      assert.equal(offline.code, 0, offline.stderr);
      const report = JSON.parse(offline.stdout);
      for (const e of report.exercises) {
        assert.notEqual(e.error, "crash", `${e.id}: ${e.message}`);
      }
      assert.equal(report.exercises.find((e: { id: string }) => e.id === ID).status, "passed");
    });
  } finally {
    await copy.dispose();
  }
});

Deno.test("module cache: hermetic flags, Deno's own variables kept, cache misses recognised", () => {
  assert.ok(HERMETIC_FLAGS.includes("--frozen") && HERMETIC_FLAGS.includes("--cached-only"));
  const env = sandboxEnv((name) =>
    ({ HTTPS_PROXY: "http://proxy:3128", SSL_CERT_FILE: "/ca.pem", SECRET_TOKEN: "x" })[name]
  );
  assert.deepEqual(env, {
    NO_COLOR: "1",
    HTTPS_PROXY: "http://proxy:3128",
    SSL_CERT_FILE: "/ca.pem",
  });
  assert.ok(isCacheMiss([
    "error: Failed caching npm package 'fast-check@4.10.2'",
    '    0: npm package not found in cache: "fast-check", --cached-only is specified.',
  ]));
  assert.ok(!isCacheMiss(["error: Uncaught (in promise) Error: boom"]));
});
