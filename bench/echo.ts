/**
 * `deno task bench echo`: five echo servers on 127.0.0.1, one after another,
 * under the same load: the course's own (`tools/echo.ts`, teaching loop and
 * streams), native Deno (`_echo_native.ts`, `pipeTo`), the Deno floor (the same
 * file with `--floor`: one `conn.read` and one `conn.write` per message, the
 * least any Deno server does), CPython's asyncio streams (`_echo_asyncio.py`),
 * and the same asyncio server on uvloop (Debian's `python3-uvloop` with
 * `/usr/bin/python3`; the row is left out, with a note, where uvloop is
 * missing). The load generator (`_load.ts`) runs in its own
 * process: 1,000 and then 10,000 concurrent connections, each sending 100
 * lines of 64 bytes one at a time and checking every echo.
 *
 * Fair to all five, and repeatable:
 * - **One core each.** The server under test is pinned to one CPU and the load
 *   generator to another (`taskset`). Sharing cores, the two fought for them and
 *   throughput swung up to 3x between runs; pinned, each gets a whole core, so
 *   msg/s measures the server's single-core capacity (all five servers do their
 *   work on one thread; Deno's helper threads share the server's core). Without
 *   two CPUs (or with `--no-pin`) nothing is pinned, and the header says so.
 * - **Median of several runs, taken in turns.** Each server is started fresh for
 *   every run (`--runs`, default 3); the servers take turns (course, native,
 *   floor, asyncio, uvloop, course, ...), so a host that slows down for a while slows all five
 *   alike. Every column of the table is the median over a server's runs; errors
 *   are summed; the msg/s range shows how steady the runs were.
 * - **The same limits.** Each server runs under `prlimit` with the file limit
 *   raised to the hard limit, so 10,000 connections fit. The load opens its
 *   connections in bounded waves (see `_load.ts`): Deno listens with a backlog of
 *   511, and a burst of handshakes beyond it would overflow the accept queue and
 *   wait for SYN retries.
 *
 * Printed per server and load: messages per second (the primary number), the
 * server's CPU time per message (user + system, from /proc, over the whole run),
 * p50/p99 round trip, the server's peak memory (VmHWM), the load generator's own CPU share
 * over the echo phase (near 100%, the generator set the pace and the server may have had more
 * to give), and errors.
 *
 * Bounded: each load stops after its messages or `--timeout` seconds (120).
 *
 * Flags (through `deno task bench echo`, write them `--runs=1`): `--connections=1000,10000`,
 * `--lines=100`, `--runs=3`, `--timeout=120`, `--servers=course,native,floor,asyncio,uvloop` (a subset, for
 * quick looks), `--no-pin`.
 *
 * @module
 */
import type { LoadResult } from "./_load.ts";
import { markdownTable } from "./_table.ts";

const here = new URL(".", import.meta.url).pathname;
/** The interpreter with Debian's python3-uvloop. */
const UVLOOP_PYTHON = "/usr/bin/python3";
const root = new URL("..", import.meta.url).pathname;

interface ServerSpec {
  /** Short name for `--servers`. */
  key: string;
  name: string;
  cmd: string[];
  /** Text the server's "listening on" line must contain (the event loop it reports). */
  expect?: string;
  /** How to stop it: the course server shuts down on Ctrl-C; the references simply stop. */
  signal: Deno.Signal;
}

const SERVERS: ServerSpec[] = [
  {
    key: "course",
    name: "course loop + streams",
    // No idle timeout: the references have none, and at 10,000 connections a client may wait
    // its turn longer than the default 60 s (p99 is seconds), which would count as an error.
    cmd: [
      Deno.execPath(),
      "run",
      "--allow-net",
      `${root}tools/echo.ts`,
      "--port",
      "0",
      "--idle-timeout",
      "0",
      // No line per connect and disconnect: the references log nothing per client.
      "--quiet",
    ],
    signal: "SIGINT",
  },
  {
    key: "native",
    name: "native Deno pipeTo",
    cmd: [Deno.execPath(), "run", "--allow-net", `${here}_echo_native.ts`, "--port", "0"],
    signal: "SIGTERM",
  },
  {
    // The least any Deno server can do per message: what is left is Deno's own cost.
    key: "floor",
    name: "Deno floor: read/write",
    cmd: [
      Deno.execPath(),
      "run",
      "--allow-net",
      `${here}_echo_native.ts`,
      "--port",
      "0",
      "--floor",
    ],
    signal: "SIGTERM",
  },
  {
    key: "asyncio",
    name: "CPython asyncio",
    cmd: ["python3", `${here}_echo_asyncio.py`, "--port", "0"],
    expect: "asyncio.",
    signal: "SIGTERM",
  },
  {
    // The same asyncio streams server on uvloop (libuv, in C): what an asyncio user picks for
    // speed. Debian's python3-uvloop, hence Debian's python3.
    key: "uvloop",
    name: "CPython asyncio + uvloop",
    cmd: [UVLOOP_PYTHON, `${here}_echo_asyncio.py`, "--port", "0", "--loop", "uvloop"],
    expect: "uvloop.Loop",
    signal: "SIGTERM",
  },
];

/** `--name value` or `--name=value` (the form `deno task bench echo --runs=1` passes through). */
function flag(name: string, fallback: string): string {
  const joined = Deno.args.find((a) => a.startsWith(`--${name}=`));
  if (joined !== undefined) return joined.slice(name.length + 3);
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

async function hasUvloop(): Promise<boolean> {
  try {
    const out = await new Deno.Command(UVLOOP_PYTHON, { args: ["-c", "import uvloop"] }).output();
    return out.success;
  } catch {
    return false; // no such interpreter
  }
}

async function hardFileLimit(): Promise<number> {
  const out = await new Deno.Command("sh", { args: ["-c", "ulimit -Hn"] }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "unlimited" ? 1_048_576 : Number(text);
}

/** Where each process runs: the server on one CPU, the load on another, or both anywhere. */
interface Placement {
  server: string[];
  load: string[];
  description: string;
}

function placement(pin: boolean): Placement {
  const cpus = navigator.hardwareConcurrency;
  if (!pin || cpus < 2) {
    const why = pin ? `only ${cpus} CPU` : "--no-pin";
    return { server: [], load: [], description: `not pinned (${why}): numbers will swing` };
  }
  return {
    server: ["taskset", "-c", "1"],
    load: ["taskset", "-c", "0"],
    description: "server pinned to CPU 1, load generator to CPU 0",
  };
}

/**
 * Starts a server and resolves with its port once it prints it. `taskset` and `prlimit` each
 * exec the next command, so the child's pid is the server's own (for /proc).
 */
async function startServer(spec: ServerSpec, nofile: number, where: Placement) {
  const [cmd, ...args] = [...where.server, "prlimit", `--nofile=${nofile}:${nofile}`, ...spec.cmd];
  const child = new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit" }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/listening on .*:(\d+)/.test(text)) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`${spec.name} exited before listening`);
    text += value;
  }
  const port = Number(text.match(/listening on .*:(\d+)/)![1]);
  if (spec.expect !== undefined && !text.includes(spec.expect)) {
    child.kill(spec.signal);
    throw new Error(`${spec.name} runs on the wrong event loop: ${text.trim()}`);
  }
  // Keep reading its log (connects, disconnects) so that a full pipe never blocks it.
  const drained = (async () => {
    while (!(await lines.read()).done);
  })();
  return { child, port, drained };
}

function cpuSeconds(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

function peakMemoryMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) / 1024;
}

/** What one run of one server under one load measured. */
interface Run {
  result: LoadResult;
  memoryMb: number;
  cpuUsPerMessage: number;
}

async function runOne(
  spec: ServerSpec,
  connections: number,
  nofile: number,
  where: Placement,
): Promise<Run> {
  const { child, port, drained } = await startServer(spec, nofile, where);
  try {
    const cpuBefore = cpuSeconds(child.pid);
    const [cmd, ...args] = [
      ...where.load,
      "prlimit",
      `--nofile=${nofile}:${nofile}`,
      Deno.execPath(),
      "run",
      // All permissions: Deno grants a process its own /proc entry (its CPU time) only with -A.
      "--allow-all",
      `${here}_load.ts`,
      "--port",
      String(port),
      "--connections",
      String(connections),
      "--lines",
      flag("lines", "100"),
      "--size",
      "64",
      "--timeout",
      flag("timeout", "120"),
    ];
    const load = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit" })
      .output();
    const result = JSON.parse(new TextDecoder().decode(load.stdout)) as LoadResult;
    const cpu = cpuSeconds(child.pid) - cpuBefore;
    return {
      result,
      memoryMb: peakMemoryMb(child.pid),
      cpuUsPerMessage: cpu / result.messages * 1e6,
    };
  } finally {
    child.kill(spec.signal);
    await child.status;
    await drained;
  }
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmtInt = (x: number) => Math.round(x).toLocaleString("en");
const percent = (share: number) => Number.isNaN(share) ? "n/a" : `${(100 * share).toFixed(0)}%`;

/** One table row: the medians over a server's runs under one load. */
function summarize(spec: ServerSpec, connections: number, runs: Run[]): string[] {
  const rates = runs.map((r) => r.result.messagesPerSecond);
  const errors = runs.reduce((sum, r) => sum + r.result.errors, 0);
  const firstError = runs.find((r) => r.result.firstError)?.result.firstError;
  return [
    spec.name,
    connections.toLocaleString("en"),
    fmtInt(median(rates)),
    `${fmtInt(Math.min(...rates))}-${fmtInt(Math.max(...rates))}`,
    median(runs.map((r) => r.cpuUsPerMessage)).toFixed(1),
    median(runs.map((r) => r.result.p50Ms)).toFixed(2),
    median(runs.map((r) => r.result.p99Ms)).toFixed(1),
    median(runs.map((r) => r.memoryMb)).toFixed(0),
    percent(median(runs.map((r) => r.result.loadCpuShare))),
    String(errors) + (firstError ? ` (${firstError})` : ""),
  ];
}

if (import.meta.main) {
  const nofile = await hardFileLimit();
  const loads = flag("connections", "1000,10000").split(",").map(Number);
  const runs = Number(flag("runs", "3"));
  const asked = flag("servers", "");
  const keys = (asked || SERVERS.map((s) => s.key).join(",")).split(",");
  if (!asked && !(await hasUvloop())) {
    console.log(
      `no uvloop row: ${UVLOOP_PYTHON} cannot import uvloop (Debian: apt-get install python3-uvloop)`,
    );
    keys.splice(keys.indexOf("uvloop"), 1);
  }
  const servers = SERVERS.filter((s) => keys.includes(s.key));
  const where = placement(!Deno.args.includes("--no-pin"));
  console.log(
    `${where.description}; median of ${runs} run(s) per server and load, each on a fresh ` +
      `server; file limit ${nofile}; args: ${Deno.args.join(" ") || "(none)"}`,
  );
  const rows: string[][] = [];
  const rate = new Map<string, number>();
  let failed = false;
  for (const connections of loads) {
    // Round robin (course, native, floor, asyncio, uvloop, course, ...), so that a machine that slows down or
    // speeds up for a while (a shared host) colours every server's runs alike.
    const done = new Map<ServerSpec, Run[]>(servers.map((spec) => [spec, []]));
    for (let i = 0; i < runs; i++) {
      for (const spec of servers) {
        const run = await runOne(spec, connections, nofile, where);
        done.get(spec)!.push(run);
        console.error(
          `  ${spec.name}, ${connections} connections, run ${i + 1}/${runs}: ` +
            `${fmtInt(run.result.messagesPerSecond)} msg/s, ` +
            `${run.cpuUsPerMessage.toFixed(1)} cpu us/msg, ${run.result.errors} errors`,
        );
      }
    }
    for (const [spec, specRuns] of done) {
      if (specRuns.some((r) => r.result.errors > 0)) failed = true;
      rate.set(
        `${spec.key}@${connections}`,
        median(specRuns.map((r) => r.result.messagesPerSecond)),
      );
      rows.push(summarize(spec, connections, specRuns));
    }
  }
  const header = [
    "server",
    "conns",
    "msg/s",
    "msg/s range",
    "cpu us/msg",
    "p50 ms",
    "p99 ms",
    "peak MB",
    "load cpu",
    "errors",
  ];
  console.log(markdownTable(header, rows));
  for (const connections of loads) {
    const course = rate.get(`course@${connections}`);
    const native = rate.get(`native@${connections}`);
    const floor = rate.get(`floor@${connections}`);
    const python = rate.get(`asyncio@${connections}`);
    const uvloop = rate.get(`uvloop@${connections}`);
    if (course === undefined) continue;
    const parts = [];
    if (python !== undefined) {
      parts.push(`course / CPython asyncio = ${(course / python).toFixed(2)}x (target >= 2)`);
    }
    if (uvloop !== undefined) {
      parts.push(`course / asyncio + uvloop = ${(course / uvloop).toFixed(2)}x (no target)`);
    }
    if (native !== undefined) {
      parts.push(`course / native Deno = ${(course / native * 100).toFixed(0)}% (target >= 50%)`);
    }
    if (floor !== undefined) {
      parts.push(`course / Deno floor = ${(course / floor * 100).toFixed(0)}% (no target)`);
    }
    if (floor !== undefined && python !== undefined) {
      parts.push(`Deno floor / CPython asyncio = ${(floor / python).toFixed(2)}x`);
    }
    if (parts.length) console.log(`${connections} connections: ${parts.join(", ")}`);
  }
  Deno.exit(failed ? 1 : 0);
}
