import assert from "node:assert/strict";
import { DEFAULT_PORT, NOTEBOOK_DIR, parseCourseArgs } from "../../tools/course.ts";
import { linesOf } from "../../tools/lines.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Children of a process, from /proc (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const kids: number[] = [];
  for await (const task of Deno.readDir(`/proc/${pid}/task`)) {
    const text = await Deno.readTextFile(`/proc/${pid}/task/${task.name}/children`).catch(() => "");
    kids.push(...text.split(" ").filter(Boolean).map(Number));
  }
  return kids;
}

/** A process and all its descendants, with their command lines. */
async function processTree(pid: number): Promise<Map<number, string>> {
  const tree = new Map<number, string>();
  const visit = async (p: number) => {
    const cmdline = await Deno.readTextFile(`/proc/${p}/cmdline`).catch(() => "");
    tree.set(p, cmdline.replaceAll("\0", " ").trim());
    for (const kid of await childrenOf(p).catch(() => [])) await visit(kid);
  };
  await visit(pid);
  return tree;
}

/** Whether a pid is a live (not exited, not zombie) process. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`).catch(() => null);
  // Field 3, after the parenthesised command name, is the state; Z is a zombie.
  return stat !== null && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

async function readUntil(
  lines: AsyncIterator<string>,
  pattern: RegExp,
): Promise<RegExpExecArray> {
  while (true) {
    const next = await lines.next();
    if (next.done) throw new Error(`output ended before ${pattern}`);
    const match = pattern.exec(next.value);
    if (match) return match;
  }
}

/**
 * Starts `deno task course`, starts a kernel over the REST API, sends SIGINT
 * either to the task process alone or to its whole process group (what a
 * terminal's Ctrl-C does), and checks that nothing it started still runs.
 */
async function courseStopsOnSigint(target: "task" | "group"): Promise<void> {
  const task = new Deno.Command(Deno.execPath(), {
    args: ["task", "course", "--no-browser", "--port", "8899"],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // A group of its own, so that signalling the group reaches only this test's processes.
    detached: true,
  }).spawn();
  const stderr = new Response(task.stderr).text();
  const stdout = linesOf(task.stdout);
  const [, baseUrl, token] = await readUntil(
    stdout,
    /the notebooks are at (http:\/\/127\.0\.0\.1:\d+\/)\?token=(\w+)/,
  );
  const drained = (async () => {
    for await (const _ of stdout) { /* keep the pipe open until exit */ }
  })();
  const headers = { Authorization: `token ${token}` };

  const specs = await (await fetch(`${baseUrl}api/kernelspecs`, { headers })).json();
  assert.ok("deno" in specs.kernelspecs, `kernelspecs: ${Object.keys(specs.kernelspecs)}`);
  const started = await fetch(`${baseUrl}api/kernels`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "deno" }),
  });
  const kernel = await started.json();
  assert.equal(started.status, 201);

  const tree = await processTree(task.pid);
  const commands = [...tree.values()];
  assert.ok(commands.some((c) => c.includes("jupyter-notebook")), commands.join("\n"));
  assert.ok(commands.some((c) => c.includes(`kernel-${kernel.id}.json`)), commands.join("\n"));

  Deno.kill(target === "group" ? -task.pid : task.pid, "SIGINT");
  const status = await task.status;
  await drained;
  const log = await stderr;
  assert.equal(status.code, 0, log);
  const left = [];
  for (const [pid, command] of tree) {
    if (await isRunning(pid)) left.push(`${pid} ${command}`);
  }
  assert.deepEqual(left, [], "processes still running after SIGINT");
  assert.match(log, /Shutting down 1 kernel/);
}

Deno.test({
  name: "deno task course serves the deno kernel; SIGINT to the task stops Jupyter and kernels",
  ignore: Deno.build.os !== "linux",
  fn: () => courseStopsOnSigint("task"),
});

Deno.test({
  name: "Ctrl-C in a terminal (SIGINT to the process group) stops Jupyter and kernels",
  ignore: Deno.build.os !== "linux",
  fn: () => courseStopsOnSigint("group"),
});

Deno.test("parseCourseArgs passes --no-browser, --port and --notebook-dir through", () => {
  assert.deepEqual(parseCourseArgs([]), {
    openBrowser: true,
    port: DEFAULT_PORT,
    notebookDir: NOTEBOOK_DIR,
  });
  assert.deepEqual(
    parseCourseArgs(["--no-browser", "--port", "8899", "--notebook-dir", "/tmp/nb"]),
    {
      openBrowser: false,
      port: 8899,
      notebookDir: "/tmp/nb",
    },
  );
  assert.throws(() => parseCourseArgs(["--port", "http"]), /port/);
});

Deno.test("the course's terminal hides Jupyter's harmless warnings, and only those", async () => {
  const { isHarmlessLogLine } = await import("../../tools/course.ts");
  for (
    const line of [
      "[W 15:02:09.329 NotebookApp] Notebook 01-async-io.ipynb is not trusted",
      "[W 15:02:09.400 NotebookApp] 404 GET /favicon.ico (127.0.0.1) 1.2ms",
      "0.00s - Debugger warning: It seems that frozen modules are being used, which may",
      "0.00s - to python to disable frozen modules.",
    ]
  ) assert.equal(isHarmlessLogLine(line), true, line);
  for (
    const line of [
      "[I 15:02:10.437 NotebookApp] Kernel started: 42ce316d, name: deno",
      "[E 15:02:10.437 NotebookApp] Uncaught exception GET /api/kernels",
      "[W 15:02:09.400 NotebookApp] 404 GET /notebooks/missing.ipynb (127.0.0.1)",
    ]
  ) assert.equal(isHarmlessLogLine(line), false, line);
});
