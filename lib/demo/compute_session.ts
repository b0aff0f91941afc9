/**
 * `runComputeSession`: clients that ask a server for CPU-heavy answers and
 * for a quick `ping`, against a server coroutine that may hand the heavy work
 * to a `WorkerPool`. It records when each client was served and when each
 * Worker job ran, on one clock, so a timeline can show serving and computing
 * side by side: the capstone's finale.
 *
 * @module
 */
import type { TimelineBar } from "../chart/mod.ts";
import { type Coroutine, sleep } from "../coroutine/mod.ts";
import { EventLoop } from "../loop/mod.ts";
import type { WorkerPool } from "../scheduler/mod.ts";
import { listenTcp } from "../socket/mod.ts";
import type { ListeningSocket, StreamSocket } from "../socket/mod.ts";

/** The pool as the server sees it: `run` and `map`, each job timed. */
export interface ComputePool {
  /** Number of Workers. */
  readonly size: number;
  /** Runs `fn(data)` in a Worker. */
  run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>>;
  /** Runs `fn` on every item, spread over the Workers. */
  map<T, R>(fn: (data: T) => R | Promise<R>, items: readonly T[]): Promise<Awaited<R>[]>;
}

/** A server coroutine: accepts clients on `listener` forever, with the pool for heavy work. */
export type ComputeServe = (listener: ListeningSocket, pool: ComputePool) => Coroutine<void>;

/** What one session saw; times in ms since it began. */
export interface ComputeSession {
  /** Each client's request, reply, and when it connected and got its reply. */
  clients: { request: string; reply: string; start: number; end: number }[];
  /** Each Worker job: when it ran, and what it returned. */
  jobs: { start: number; end: number; value: unknown }[];
  /** Clients (io bars) and Worker jobs (cpu bars), for `timeline()`. */
  bars: TimelineBar[];
}

/** Options of {@link runComputeSession}. */
export interface ComputeSessionOptions {
  /** The heavy requests, such as `"primes 1000000"`. */
  heavy?: string[];
  /** When the ping client connects, ms after the heavy ones. Default 20. */
  pingAfterMs?: number;
  /** Give up on a client after this long, ms. Default 10,000. */
  timeoutMs?: number;
}

/** One client on the course's loop: connect, send a line, read the reply line, close. */
function* client(
  loop: EventLoop,
  port: number,
  request: string,
  origin: number,
  timeoutMs: number,
): Coroutine<ComputeSession["clients"][number]> {
  const start = performance.now() - origin;
  const sock: StreamSocket = yield* loop.sockConnect("127.0.0.1", port);
  yield* loop.sockSendall(sock, new TextEncoder().encode(`${request}\n`));
  let reply = "";
  while (!reply.endsWith("\n") && performance.now() - origin - start < timeoutMs) {
    const chunk = yield* loop.sockRecv(sock, 1024);
    if (chunk.length === 0) break;
    reply += new TextDecoder().decode(chunk);
  }
  sock.close();
  return { request, reply: reply.trim(), start, end: performance.now() - origin };
}

/**
 * Runs `serve` on a real-clock loop with a TCP listener on the loopback, sends
 * it the heavy requests at once and, a moment later, a `ping`, and records
 * everything. The server is cancelled at the end; the pool stays open.
 *
 * @param serve The server coroutine function.
 * @param pool A Worker pool; its jobs are timed through a wrapper.
 * @param options The requests and timing.
 * @returns Clients, jobs and timeline bars.
 * @example
 * ```ts ignore
 * const session = await runComputeSession(serve, new WorkerPool(2));
 * timeline(session.bars, { title: "Serving while the Workers compute" });
 * ```
 */
export async function runComputeSession(
  serve: ComputeServe,
  pool: WorkerPool,
  options: ComputeSessionOptions = {},
): Promise<ComputeSession> {
  const heavy = options.heavy ?? Array.from({ length: 4 }, () => "primes 1000000");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const origin = performance.now();
  const jobs: ComputeSession["jobs"] = [];
  const timed: ComputePool = {
    size: pool.size,
    async run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>> {
      const job = await pool.runTimed(fn, data);
      const at = performance.timeOrigin + origin;
      jobs.push({ start: job.start - at, end: job.end - at, value: job.value });
      return job.value;
    },
    map(fn, items) {
      return Promise.all(items.map((item) => this.run(fn, item)));
    },
  };
  const loop = new EventLoop();
  const listener = listenTcp(0);
  const port = listener.localAddress.port;
  try {
    const clients = await loop.runUntilComplete((function* () {
      const server = loop.createTask(serve(listener, timed), { name: "serve" });
      const heavyClients = heavy.map((r) =>
        loop.createTask(client(loop, port, r, origin, timeoutMs), { name: r })
      );
      yield* sleep((options.pingAfterMs ?? 20) / 1000);
      const ping = yield* client(loop, port, "ping", origin, timeoutMs);
      const results = [];
      for (const task of heavyClients) results.push(yield* task);
      server.cancel();
      return [...results, ping];
    })());
    const bars: TimelineBar[] = [
      ...clients.map((c, i) => ({
        lane: c.request === "ping" ? "client ping" : `client ${i + 1}`,
        kind: "io" as const,
        start: c.start,
        end: c.end,
      })),
      ...jobs.map((j, i) => ({ lane: `Worker job ${i + 1}`, kind: "cpu" as const, ...j })),
    ];
    return { clients, jobs, bars };
  } finally {
    listener.close();
    await listener.waitClosed();
    loop.close();
  }
}
