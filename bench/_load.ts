/**
 * The load generator behind `bench/echo.ts`, run in its own process so that
 * its work never counts against the server it measures.
 *
 * It opens `--connections` TCP connections to an echo server in bounded waves
 * (each answers a first, uncounted line before the next opens, so the server's
 * accept queue never overflows), then has every connection send `--lines` lines of `--size` bytes
 * one at a time, each time reading the echo back and checking it byte for byte
 * before sending the next (so each line's round trip is one latency sample).
 * It prints one JSON object: messages per second over the echo phase, p50 and
 * p99 round-trip latency in milliseconds, and how many messages went wrong.
 *
 * Usage: `deno run -A bench/_load.ts --port P [--host 127.0.0.1]
 *   [--connections 1000] [--lines 100] [--size 64] [--timeout 120]`
 *
 * Bounded: at most `connections * lines` messages and `--timeout` seconds.
 *
 * @module
 */

/** What one load run measured, as printed on stdout. */
export interface LoadResult {
  /** Connections that were opened. */
  connections: number;
  /** Messages echoed and checked correct. */
  messages: number;
  /** Messages or connections that failed (wrong echo, reset, timeout). */
  errors: number;
  /** Seconds to open every connection, each answering a first (uncounted) line. */
  connectSeconds: number;
  /** Seconds of the echo phase, from all-connected to the last echo. */
  echoSeconds: number;
  /** Correct messages per second over the echo phase. */
  messagesPerSecond: number;
  /** Median round trip of one line, milliseconds. */
  p50Ms: number;
  /** 99th percentile round trip of one line, milliseconds. */
  p99Ms: number;
  /**
   * The generator's own CPU time over the echo phase as a share of it (Linux; NaN elsewhere).
   * Near 1, the generator, not the server, set the pace.
   */
  loadCpuShare: number;
  /** The first error seen, for the report. */
  firstError?: string;
}

/** This process's CPU seconds (user + system), from /proc; NaN where there is none. */
function ownCpuSeconds(): number {
  try {
    // Deno lets a process read its own /proc entry only with --allow-all (bench/echo.ts gives it).
    const fields = Deno.readTextFileSync(`/proc/${Deno.pid}/stat`).split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function flag(name: string, fallback: number | string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : String(fallback);
}

/** Where a line's message index sits: `c<connection> m` comes first, then these six digits. */
const INDEX_DIGITS = 6;

/**
 * Fills `line` with a message that names its connection, ending in a newline: `c12 m000000 ...\n`.
 * The message index is written into it with {@link setIndex}, in place: the generator must cost
 * less per message than the servers it measures, or the table would show its limit, not theirs.
 * @returns Where the index digits start.
 */
function prepareLine(line: Uint8Array, connection: number): number {
  const head = new TextEncoder().encode(`c${connection} m`);
  line.fill(0x2e); // '.'
  line.set(head.subarray(0, Math.max(0, line.length - 1 - INDEX_DIGITS)));
  line[line.length - 1] = 0x0a;
  return Math.min(head.length, line.length - 1 - INDEX_DIGITS);
}

/** Writes `index` (message -1, the uncounted first line, as all nines) as six ASCII digits at `at`. */
function setIndex(line: Uint8Array, at: number, index: number): void {
  let rest = index < 0 ? 999_999 : index;
  for (let i = at + INDEX_DIGITS - 1; i >= at; i--) {
    line[i] = 0x30 + rest % 10;
    rest = Math.floor(rest / 10);
  }
}

/**
 * Finishes reading exactly `into.length` bytes after the first `got` came (the first read is
 * made inline by the caller, and usually brings them all), or throws if the server closes first.
 */
async function readRest(conn: Deno.TcpConn, into: Uint8Array, got: number): Promise<void> {
  while (got < into.length) {
    const n = await conn.read(into.subarray(got));
    if (n === null) throw new Error(`server closed after ${got} of ${into.length} bytes`);
    got += n;
  }
}

/** Finishes writing `bytes` after the first `written` went out. */
async function writeRest(conn: Deno.TcpConn, bytes: Uint8Array, written: number): Promise<void> {
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}

/** Sends `line` and reads its echo into `echo`: one round trip, one native call each way. */
async function roundTrip(conn: Deno.TcpConn, line: Uint8Array, echo: Uint8Array): Promise<void> {
  const written = await conn.write(line);
  if (written < line.length) await writeRest(conn, line, written);
  const got = await conn.read(echo);
  if (got === null) throw new Error(`server closed after 0 of ${echo.length} bytes`);
  if (got < echo.length) await readRest(conn, echo, got);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * Opens `count` connections, at most `parallel` at a time, in bounded waves: a connection counts
 * as open only once the server has answered a first line on it (not timed, not counted). A
 * finished TCP handshake alone does not mean the server accepted it: the kernel queues it, and
 * when that queue overflows (Deno listens with a backlog of 511) further SYNs are dropped and
 * retried a second or more later. Waiting for the server's answer keeps at most `parallel`
 * connections unaccepted, so the queue never overflows and no connect waits on a retry.
 */
async function connectAll(
  host: string,
  port: number,
  count: number,
  parallel: number,
  size: number,
): Promise<Deno.TcpConn[]> {
  const conns: Deno.TcpConn[] = [];
  let next = 0;
  async function opener() {
    const hello = new Uint8Array(size);
    const echo = new Uint8Array(size);
    while (next < count) {
      const i = next++;
      const conn = await Deno.connect({ hostname: host, port });
      conns.push(conn);
      setIndex(hello, prepareLine(hello, i), -1);
      await roundTrip(conn, hello, echo);
      if (!sameBytes(hello, echo)) throw new Error(`connection ${i}: the first echo differs`);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, opener));
  } catch (error) {
    for (const c of conns) c.close();
    throw error;
  }
  return conns;
}

/** Runs the load against `host:port` and returns what it measured. */
export async function runLoad(options: {
  host: string;
  port: number;
  connections: number;
  lines: number;
  size: number;
  timeoutSeconds: number;
}): Promise<LoadResult> {
  const { host, port, connections, lines, size } = options;
  const rtts = new Float64Array(connections * lines);
  let samples = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const conns = await connectAll(host, port, connections, 256, size);
  const t1 = performance.now();
  const cpu1 = ownCpuSeconds();
  const deadline = t1 + options.timeoutSeconds * 1000;
  const timer = setTimeout(() => {
    // Past the time bound: closing the sockets makes every pending read fail.
    firstError ??= `timeout after ${options.timeoutSeconds} s`;
    for (const c of conns) {
      try {
        c.close();
      } catch { /* already closed */ }
    }
  }, options.timeoutSeconds * 1000);

  async function drive(conn: Deno.TcpConn, id: number): Promise<void> {
    const line = new Uint8Array(size);
    const echo = new Uint8Array(size);
    const at = prepareLine(line, id);
    try {
      for (let m = 0; m < lines; m++) {
        setIndex(line, at, m);
        const sent = performance.now();
        if (sent >= deadline) break;
        await roundTrip(conn, line, echo);
        if (!sameBytes(line, echo)) {
          errors++;
          firstError ??= `connection ${id} message ${m}: echo differs`;
          continue;
        }
        rtts[samples++] = performance.now() - sent;
      }
    } catch (e) {
      errors++;
      firstError ??= `connection ${id}: ${e instanceof Error ? e.message : e}`;
    } finally {
      try {
        conn.close();
      } catch { /* closed by the timeout */ }
    }
  }

  await Promise.all(conns.map(drive));
  const t2 = performance.now();
  const cpu2 = ownCpuSeconds();
  clearTimeout(timer);
  const sorted = rtts.subarray(0, samples).sort();
  const echoSeconds = (t2 - t1) / 1000;
  return {
    connections,
    messages: samples,
    errors,
    connectSeconds: (t1 - t0) / 1000,
    echoSeconds,
    messagesPerSecond: samples / echoSeconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    loadCpuShare: (cpu2 - cpu1) / echoSeconds,
    firstError,
  };
}

if (import.meta.main) {
  const result = await runLoad({
    host: flag("host", "127.0.0.1"),
    port: Number(flag("port", 0)),
    connections: Number(flag("connections", 1000)),
    lines: Number(flag("lines", 100)),
    size: Number(flag("size", 64)),
    timeoutSeconds: Number(flag("timeout", 120)),
  });
  console.log(JSON.stringify(result));
}
