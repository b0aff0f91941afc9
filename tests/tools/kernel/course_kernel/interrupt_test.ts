/**
 * Kernel > Interrupt on the course kernel: a cell that waits (a long sleep, a
 * promise that never settles, a slow server) or computes (a busy loop) ends
 * within 2 s with a visible "Interrupted" error, and the next cell still sees
 * the variables of the cells before. Also: the kernel leaves no temp folder.
 */
import assert from "node:assert/strict";
import {
  installCourseKernel,
  jupyterPython,
} from "../../../../tools/kernel/course_kernel/install.ts";

const PROBE = new URL("./interrupt_probe.py", import.meta.url).pathname;

interface CellResult {
  timeout: boolean;
  after_interrupt: number | null;
  status: string;
  ename: string | null;
  outputs: { type: string; ename?: string; evalue?: string; text?: string }[];
}

Deno.test("course kernel: Interrupt ends a waiting or computing cell and keeps the state", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-interrupt-test-" });
  // A server that accepts and never answers: a fetch to it waits forever.
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of silent) held.push(conn);
  })();
  try {
    const python = await jupyterPython();
    const { env } = await installCourseKernel({
      jupyterDir: `${dir}/jupyter`,
      denoPath: Deno.execPath(),
      python,
    });
    const tmp = `${dir}/tmp`;
    await Deno.mkdir(tmp);
    const port = (silent.addr as Deno.NetAddr).port;
    const cells = [
      {
        code:
          "const kept = 41;\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));",
      },
      { code: "await new Promise(() => {});", interrupt_after: 1 },
      { code: "kept + 1" },
      {
        code: "console.log('before');\nawait sleep(60_000);\nconsole.log('after');",
        interrupt_after: 1,
      },
      {
        code: `const body = await fetch("http://127.0.0.1:${port}/").then((r) => r.text());`,
        interrupt_after: 1,
      },
      { code: "let spins = 0;\nwhile (true) spins++;", interrupt_after: 1 },
      { code: "[kept, spins > 0]" },
    ];
    const child = new Deno.Command(python, {
      args: [PROBE],
      env: { ...env, JUPYTER_RUNTIME_DIR: `${dir}/runtime`, TMPDIR: tmp, NO_COLOR: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(cells)));
    await writer.close();
    const { code, stdout, stderr } = await child.output();
    assert.equal(code, 0, `probe failed:\n${new TextDecoder().decode(stderr)}`);
    const results: CellResult[] = JSON.parse(new TextDecoder().decode(stdout));

    const interrupted = [1, 3, 4, 5].map((i) => results[i]);
    for (const [n, r] of interrupted.entries()) {
      const what = cells[[1, 3, 4, 5][n]].code;
      assert.equal(r.timeout, false, `${what}: still busy after 30 s`);
      assert.ok(
        r.after_interrupt! < 2,
        `${what}: ended ${r.after_interrupt} s after the interrupt`,
      );
      assert.equal(r.status, "error", what);
      assert.equal(r.ename, "Interrupted", what);
      const errors = r.outputs.filter((o) => o.type === "error");
      assert.equal(
        errors.length,
        1,
        `${what}: one visible error, got ${JSON.stringify(r.outputs)}`,
      );
      assert.match(errors[0].evalue!, /interrupted/);
    }
    // What ran before the wait still printed; what came after it did not.
    assert.deepEqual(results[3].outputs.filter((o) => o.type === "stream"), [
      { type: "stream", text: "before\n" },
    ]);
    assert.match(results[2].outputs.at(-1)?.text ?? "", /42/);
    assert.match(results[6].outputs.at(-1)?.text ?? "", /41.*true/s);
    // The proxy's own folder (connection file, interrupt file) is gone with the kernel.
    assert.deepEqual([...Deno.readDirSync(tmp)].map((e) => e.name), []);
  } finally {
    silent.close();
    await accepting;
    for (const conn of held) conn.close();
    await Deno.remove(dir, { recursive: true });
  }
});
