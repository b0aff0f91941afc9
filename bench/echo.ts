/**
 * `deno task bench echo`: three echo servers on 127.0.0.1, one after another,
 * under the same load: the course's own (`tools/echo.ts`, teaching loop and
 * streams), native Deno (`_echo_native.ts`, `pipeTo`), and CPython's asyncio
 * streams (`_echo_asyncio.py`). The load generator (`_load.ts`) runs in its own
 * process: 1,000 and then 10,000 concurrent connections, each sending 100
 * lines of 64 bytes one at a time and checking every echo.
 *
 * Each server process is started fresh for each load, under `prlimit` with the
 * file limit raised to the hard limit, so 10,000 connections fit. The load opens
 * its connections in bounded waves (see `_load.ts`): Deno listens with a backlog
 * of 511, and a burst of handshakes beyond it would overflow the accept queue and
 * wait for SYN retries. Printed per
 * run: messages per second, p50/p99 round trip, the server's peak memory
 * (VmHWM) and its CPU time per message (user + system, from /proc), which is
 * steadier than throughput on a shared machine.
 *
 * Bounded: each load stops after its messages or `--timeout` seconds (120).
 *
 * @module
 */
import type { LoadResult } from "./_load.ts";

const here = new URL(".", import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname;

interface ServerSpec {
  name: string;
  cmd: string[];
}

const SERVERS: ServerSpec[] = [
  {
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
    ],
  },
  {
    name: "native Deno pipeTo",
    cmd: [Deno.execPath(), "run", "--allow-net", `${here}_echo_native.ts`, "--port", "0"],
  },
  { name: "CPython asyncio", cmd: ["python3", `${here}_echo_asyncio.py`, "--port", "0"] },
];

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

async function hardFileLimit(): Promise<number> {
  const out = await new Deno.Command("sh", { args: ["-c", "ulimit -Hn"] }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "unlimited" ? 1_048_576 : Number(text);
}

/** Starts a server under prlimit and resolves with its port once it prints it. */
async function startServer(spec: ServerSpec, nofile: number) {
  const child = new Deno.Command("prlimit", {
    args: [`--nofile=${nofile}:${nofile}`, ...spec.cmd],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/listening on .*:(\d+)/.test(text)) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`${spec.name} exited before listening`);
    text += value;
  }
  const port = Number(text.match(/listening on .*:(\d+)/)![1]);
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

/** The real server pid: prlimit execs the command, so it is the child itself. */
async function runOne(spec: ServerSpec, connections: number, nofile: number, timeout: string) {
  const { child, port, drained } = await startServer(spec, nofile);
  try {
    const cpuBefore = cpuSeconds(child.pid);
    const load = await new Deno.Command("prlimit", {
      args: [
        `--nofile=${nofile}:${nofile}`,
        Deno.execPath(),
        "run",
        "--allow-net",
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
        timeout,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const result = JSON.parse(new TextDecoder().decode(load.stdout)) as LoadResult;
    const cpu = cpuSeconds(child.pid) - cpuBefore;
    return {
      result,
      memoryMb: peakMemoryMb(child.pid),
      cpuUsPerMessage: cpu / result.messages * 1e6,
    };
  } finally {
    // The course server shuts down on Ctrl-C; the references simply stop.
    child.kill(spec === SERVERS[0] ? "SIGINT" : "SIGTERM");
    await child.status;
    await drained;
  }
}

if (import.meta.main) {
  const nofile = await hardFileLimit();
  const loads = flag("connections", "1000,10000").split(",").map(Number);
  const timeout = flag("timeout", "120");
  console.log(`file limit raised to ${nofile} for servers and load; ${Deno.args.join(" ")}`);
  const rows: string[][] = [];
  const rate = new Map<string, number>();
  let failed = false;
  for (const connections of loads) {
    for (const spec of SERVERS) {
      const { result, memoryMb, cpuUsPerMessage } = await runOne(
        spec,
        connections,
        nofile,
        timeout,
      );
      if (result.errors > 0) failed = true;
      rate.set(`${spec.name}@${connections}`, result.messagesPerSecond);
      rows.push([
        spec.name,
        connections.toLocaleString("en"),
        Math.round(result.messagesPerSecond).toLocaleString("en"),
        result.p50Ms.toFixed(2),
        result.p99Ms.toFixed(1),
        memoryMb.toFixed(0),
        cpuUsPerMessage.toFixed(1),
        String(result.errors) + (result.firstError ? ` (${result.firstError})` : ""),
      ]);
      console.error(`done: ${spec.name}, ${connections} connections`);
    }
  }
  const header = [
    "server",
    "conns",
    "msg/s",
    "p50 ms",
    "p99 ms",
    "peak MB",
    "cpu us/msg",
    "errors",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(r));
  for (const connections of loads) {
    const course = rate.get(`${SERVERS[0].name}@${connections}`)!;
    const native = rate.get(`${SERVERS[1].name}@${connections}`)!;
    const python = rate.get(`${SERVERS[2].name}@${connections}`)!;
    console.log(
      `${connections} connections: course / CPython asyncio = ${(course / python).toFixed(2)}x ` +
        `(target >= 2), course / native Deno = ${
          (course / native * 100).toFixed(0)
        }% (target >= 50%)`,
    );
  }
  Deno.exit(failed ? 1 : 0);
}
