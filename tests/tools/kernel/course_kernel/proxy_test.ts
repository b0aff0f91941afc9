/**
 * The course kernel under Run All: 30 execute_requests queued at once, each
 * cell printing and returning values that name it; every output must carry
 * its own request's parent header. Deno's own kernel fails this now and then
 * (see proxy.py); the proxy must never.
 */
import assert from "node:assert/strict";
import {
  installCourseKernel,
  jupyterPython,
} from "../../../../tools/kernel/course_kernel/install.ts";

const PROBE = new URL("../../../../tools/kernel/course_kernel/probe.py", import.meta.url).pathname;

interface ProbeRun {
  misplaced: number;
  missing: number;
  errors: string[];
  examples: unknown[];
  all_idle: boolean;
}

Deno.test("course kernel: Run All puts every output in its own cell", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-kernel-test-" });
  try {
    const python = await jupyterPython();
    const { env } = await installCourseKernel({
      jupyterDir: `${dir}/jupyter`,
      denoPath: Deno.execPath(),
      python,
    });
    const { code, stdout, stderr } = await new Deno.Command(python, {
      args: [PROBE, "--kernel", "deno", "--cells", "30", "--runs", "3"],
      env: { ...env, JUPYTER_RUNTIME_DIR: `${dir}/runtime`, NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(stderr);
    assert.equal(code, 0, `probe failed:\n${err}`);
    const { runs } = JSON.parse(new TextDecoder().decode(stdout)) as { runs: ProbeRun[] };
    assert.equal(runs.length, 3);
    for (const run of runs) {
      assert.deepEqual(
        { misplaced: run.misplaced, missing: run.missing, errors: run.errors, idle: run.all_idle },
        { misplaced: 0, missing: 0, errors: [], idle: true },
        `examples: ${JSON.stringify(run.examples)}`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
