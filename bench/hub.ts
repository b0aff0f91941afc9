/**
 * `deno task bench hub`: a class logging in at once. For 10, 20 and 30
 * learners (or `--learners=5,10`), `deno task hub` starts; every learner logs
 * in through the REST API at the same moment, starts their server, opens
 * 01-async-io on the course kernel and runs its first code cells.
 *
 * Reported per class size:
 * - time to first output: from the login request to the first cell's output
 *   (p50, p99, max), and its parts (server ready; kernel started and cells run up to
 *   the first that shows something)
 * - memory per learner: PSS of their notebook server, and of their kernel
 *   (the course proxy plus Deno's kernel), medians
 * - CPU: the machine's busy cores over the phase (mean, and the share of
 *   half-second samples with both cores busy: saturation), split into the
 *   hub's processes, this client, and everything else (other work on the
 *   machine, which this benchmark does not control), and the CPU seconds the
 *   hub's processes spent per learner (what a login costs the machine)
 * - how long Ctrl-C took to stop it all, and whether anything was left
 *
 * @module
 */
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../tools/hub/class_dir.ts";
import { logIn, openKernel, startServer } from "../tools/hub/hub_client.ts";
import { startHubTask } from "../tools/hub/hub_task.ts";
import { descendants } from "../tools/hub/process_tree.ts";
import { cpuSecondsWithChildren, machineCpuSeconds, percentile, pssMiB } from "./_proc_stats.ts";

const CHAPTER = "01-async-io.ipynb";
/** How many of the chapter's code cells each learner runs. */
const CELLS = 3;
const SAMPLE_MS = 500;
/** How long one cell may take before the learner counts as failed. */
const CELL_TIMEOUT_MS = 180_000;

interface LearnerTiming {
  serverReady: number;
  firstOutput: number;
  cellsDone: number;
}

interface CpuSample {
  /** Length of the interval. */
  seconds: number;
  machine: number;
  hub: number;
  client: number;
}

/** The first code cells of the chapter, as every learner's fresh copy has them. */
async function firstCells(): Promise<string[]> {
  const nb = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/notebooks/${CHAPTER}`));
  return nb.cells
    .filter((c: { cell_type: string }) => c.cell_type === "code")
    .slice(0, CELLS)
    .map((c: { source: string | string[] }) =>
      Array.isArray(c.source) ? c.source.join("") : c.source
    );
}

/** Samples CPU use every half second until stopped. */
function sampleCpu(): { stop(): CpuSample[] } {
  const samples: CpuSample[] = [];
  const hubCpu = () =>
    descendants(Deno.pid).then((ps) =>
      ps.reduce((sum, p) => sum + cpuSecondsWithChildren(p.pid), 0)
    );
  let last = {
    m: machineCpuSeconds(),
    h: NaN,
    c: cpuSecondsWithChildren(Deno.pid),
    t: performance.now(),
  };
  let stopped = false;
  const loop = (async () => {
    last.h = await hubCpu();
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      const now = {
        m: machineCpuSeconds(),
        h: await hubCpu(),
        c: cpuSecondsWithChildren(Deno.pid),
        t: performance.now(),
      };
      const wall = (now.t - last.t) / 1000;
      samples.push({
        seconds: wall,
        machine: (now.m.busy - last.m.busy) / wall,
        hub: Math.max(0, now.h - last.h) / wall,
        client: (now.c - last.c) / wall,
      });
      last = now;
    }
  })();
  return {
    stop() {
      stopped = true;
      void loop;
      return samples;
    },
  };
}

function memoryOf(tree: { pid: number; ppid: number; command: string }[]) {
  const servers = tree.filter((p) => p.command.includes("jupyterhub-singleuser"));
  const proxies = tree.filter((p) => p.command.includes("course_kernel/proxy.py"));
  const kernels = proxies.map((proxy) =>
    pssMiB(proxy.pid) +
    tree.filter((p) => p.ppid === proxy.pid).reduce((sum, p) => sum + pssMiB(p.pid), 0)
  );
  const hub = tree.filter((p) => /jupyterhub -f|configurable-http-proxy/.test(p.command))
    .reduce((sum, p) => sum + pssMiB(p.pid), 0);
  return {
    server: percentile(servers.map((p) => pssMiB(p.pid)), 50),
    kernel: percentile(kernels, 50),
    kernels: kernels.length,
    hub,
  };
}

async function benchClass(size: number, cells: string[]) {
  const dir = await Deno.makeTempDir({ prefix: `course-bench-hub-${size}-` });
  const loadBefore = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  const hub = await startHubTask({ users: size, dir });
  try {
    const sampler = sampleCpu();
    const started = performance.now();
    // Each learner keeps their kernel open until all have run, so memory is read with all up.
    const settled = await Promise.allSettled(
      hub.settings.learners.map((name) =>
        runLearnerKeepingKernel(hub.url, name, hub.settings.password, cells)
      ),
    );
    const phase = (performance.now() - started) / 1000;
    const samples = sampler.stop();
    const memory = memoryOf(await descendants(Deno.pid));
    const timings = settled.flatMap((r) => r.status === "fulfilled" ? [r.value] : []);
    const failures = settled.flatMap((r) => r.status === "rejected" ? [String(r.reason)] : []);
    await Promise.all(timings.map((t) => t.close().catch(() => {})));
    const stopStart = performance.now();
    const { survivors, code } = await hub.stop();
    await Deno.mkdir(`${REPO_ROOT}/out`, { recursive: true });
    const logPath = `${REPO_ROOT}/out/bench-hub-${size}.log`;
    await Deno.writeTextFile(logPath, hub.output());
    const stopSeconds = (performance.now() - stopStart) / 1000;
    const mean = (f: (s: CpuSample) => number) =>
      samples.reduce((a, s) => a + f(s), 0) / samples.length;
    const first = timings.map((t) => t.timing.firstOutput);
    return {
      size,
      loadBefore,
      phase,
      firstP50: percentile(first, 50),
      firstP99: percentile(first, 99),
      firstMax: Math.max(...first),
      serverP50: percentile(timings.map((t) => t.timing.serverReady), 50),
      kernelP50: percentile(timings.map((t) => t.timing.firstOutput - t.timing.serverReady), 50),
      memory,
      machine: mean((s) => s.machine),
      hubCores: mean((s) => s.hub),
      // The class's own CPU cost per learner: what the hub's processes used over the phase.
      hubCpuPerLearner: samples.reduce((a, s) => a + s.hub * s.seconds, 0) / size,
      client: mean((s) => s.client),
      saturated: samples.filter((s) => s.machine >= 1.9).length / samples.length,
      stopSeconds,
      left: survivors.length,
      failures,
      logPath,
      code,
    };
  } catch (e) {
    console.error(hub.output().slice(-4000));
    await hub.stop();
    throw e;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * One learner: log in, start the server, open the chapter, run its first cells.
 * The kernel stays open (closed by the caller) so that memory is read with every kernel up.
 */
async function runLearnerKeepingKernel(
  url: string,
  name: string,
  password: string,
  cells: string[],
) {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const learner = await logIn(url, name, password);
  await startServer(learner);
  const serverReady = seconds();
  const kernel = await openKernel(learner, CHAPTER);
  let firstOutput = NaN;
  try {
    for (const [i, cell] of cells.entries()) {
      const run = await kernel.executor.execute(cell, CELL_TIMEOUT_MS);
      if (run.status !== "ok") throw new Error(`${name}: cell ${i + 1} ended ${run.status}`);
      if (run.outputs.length > 0 && Number.isNaN(firstOutput)) firstOutput = seconds();
    }
    if (Number.isNaN(firstOutput)) throw new Error(`${name}: no cell showed any output`);
  } catch (e) {
    await kernel.close().catch(() => {});
    throw new Error(`${name} after ${seconds().toFixed(0)} s: ${(e as Error).message}`);
  }
  const timing: LearnerTiming = { serverReady, firstOutput, cellsDone: seconds() };
  return { timing, close: () => kernel.close() };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { learners: { type: "string", default: "10,20,30" } },
  });
  const sizes = values.learners.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`bench hub: --learners needs class sizes like 10,20,30, got ${values.learners}`);
    Deno.exit(2);
  }
  const cells = await firstCells();
  console.log(
    `${navigator.hardwareConcurrency} cores; each learner logs in, starts a server, opens ${CHAPTER} ` +
      `and runs its first ${CELLS} code cells, all learners at once.\n`,
  );
  const f = (n: number, digits = 1) => Number.isFinite(n) ? n.toFixed(digits) : "-";
  console.log(
    "| learners | load avg before | first output p50 / p99 / max (s) | server ready p50 (s) | kernel + cells to 1st output p50 (s) " +
      "| server PSS (MiB) | kernel PSS (MiB) | hub + proxy PSS (MiB) " +
      "| busy cores: machine / hub / client / other | both cores busy | hub CPU s per learner " +
      "| stop (s) | left | failed |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  const failures: string[] = [];
  const logs: string[] = [];
  for (const size of sizes) {
    const r = await benchClass(size, cells);
    const other = Math.max(0, r.machine - r.hubCores - r.client);
    console.log(
      `| ${r.size} | ${r.loadBefore} | ${f(r.firstP50)} / ${f(r.firstP99)} / ${f(r.firstMax)} | ${
        f(r.serverP50)
      } ` +
        `| ${f(r.kernelP50)} | ${f(r.memory.server, 0)} | ${
          f(r.memory.kernel, 0)
        } (${r.memory.kernels} kernels) ` +
        `| ${f(r.memory.hub, 0)} | ${f(r.machine, 2)} / ${f(r.hubCores, 2)} / ${f(r.client, 2)} / ${
          f(other, 2)
        } ` +
        `| ${f(100 * r.saturated, 0)} % | ${f(r.hubCpuPerLearner)} | ${
          f(r.stopSeconds)
        } | ${r.left}${r.code ? ` (exit ${r.code})` : ""} | ${r.failures.length} |`,
    );
    for (const failure of r.failures) failures.push(`${r.size} learners: ${failure}`);
    logs.push(r.logPath);
  }
  for (const failure of failures) console.log(`failed: ${failure}`);
  console.log(`\nthe hub's logs: ${logs.join(", ")}`);
}
