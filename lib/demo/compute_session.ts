/**
 * `runComputeSession`: the capstone's finale. A server written with callbacks
 * on the learner's own loop (stage 3: `addReader`, `removeReader`, an async
 * `runIoOnce` over a `Selector`) gets a CPU-heavy request and, once the server
 * has handed work to the Worker pool, a quick `ping`. The session records when
 * each client was answered and when each Worker job was sent, ran and came
 * back, on one clock, so a timeline can show serving and computing side by
 * side, and a check can read the overlap from timestamps, not from speed.
 *
 * @module
 */
import type { TimelineBar } from "../chart/mod.ts";
import type { WorkerPool } from "../scheduler/mod.ts";
import { listenTcp, Selector, type SelectorKey } from "../socket/mod.ts";
import type { ListeningSocket, StreamSocket } from "../socket/mod.ts";
import { driveIoLoop, type IoFunctions, type IoLoop, newIoLoop, settleWithin } from "./io_loop.ts";

/** The pool as the server sees it: `run` and `map`, each job timed. */
export interface ComputePool {
  /** Number of Workers. */
  readonly size: number;
  /** Runs `fn(data)` in a Worker. */
  run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>>;
  /** Runs `fn` on every item, spread over the Workers. */
  map<T, R>(fn: (data: T) => R | Promise<R>, items: readonly T[]): Promise<Awaited<R>[]>;
}

/** The learner's server: registers its readers on the loop and returns at once. */
export type ComputeServe = (loop: IoLoop, listener: ListeningSocket, pool: ComputePool) => void;

/** One client's request and reply; times in ms since the session began. */
export interface ComputeClient {
  /** The line it sent, such as `"ping"`. */
  request: string;
  /** The line it got back, trimmed ("" if none). */
  reply: string;
  /** When it connected. */
  start: number;
  /** When its reply arrived (or it gave up). */
  end: number;
}

/** One Worker job; times in ms since the session began. */
export interface ComputeJob {
  /** When the server handed it to the pool (this thread). */
  sent: number;
  /** When it started in its Worker (a clock all threads share). */
  start: number;
  /** When it ended in its Worker. */
  end: number;
  /** When its result was back on this thread. */
  returned: number;
  /** What it returned. */
  value: unknown;
}

/** What one session saw. */
export interface ComputeSession {
  /** The heavy client first, then the ping. */
  clients: ComputeClient[];
  /** Every Worker job, in the order they came back. */
  jobs: ComputeJob[];
  /** What `serve` or the loop threw, or null. */
  error: unknown;
  /** Sends made while the loop was waiting for sockets: outside its turns (in a promise callback). */
  sendsOutsideTurns: number;
  /** True when the loop ran out of work (`runIoOnce` returned false) while the server was up. */
  loopEnded: boolean;
  /** Clients (io bars) and Worker jobs (cpu bars), for `timeline()`. */
  bars: TimelineBar[];
}

/** Options of {@link runComputeSession}. */
export interface ComputeSessionOptions {
  /** The heavy request. Default `"primes 2000000"`. */
  heavy?: string;
  /** Give up on the clients after this long, ms. Default 10,000. */
  timeoutMs?: number;
}

/** One client, plain Deno code: connect, send a line, read the reply line, close. */
async function client(
  port: number,
  request: string,
  origin: number,
  signal: AbortSignal,
): Promise<ComputeClient> {
  const start = performance.now() - origin;
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  let reply = "";
  const abort = () => conn.close();
  if (signal.aborted) abort();
  else signal.addEventListener("abort", abort, { once: true });
  try {
    await conn.write(new TextEncoder().encode(`${request}\n`));
    const buffer = new Uint8Array(256);
    while (!reply.endsWith("\n")) {
      const n = await conn.read(buffer);
      if (n === null) break;
      reply += new TextDecoder().decode(buffer.subarray(0, n));
    }
  } catch {
    // given up (closed by the deadline) or reset: the reply stays what arrived
  } finally {
    signal.removeEventListener("abort", abort);
    if (!signal.aborted) conn.close();
  }
  return { request, reply: reply.trim(), start, end: performance.now() - origin };
}

/**
 * Runs `serve` on the learner's loop with a TCP listener on the loopback (an
 * ephemeral port), sends it the heavy request and, as soon as the server has
 * handed a job to the pool (or after a second if it never does), a `ping`.
 * Every socket the server accepted is closed at the end; the pool stays open.
 *
 * @param io The learner's stage-3 functions, which turn the loop.
 * @param serve The learner's server.
 * @param pool A Worker pool; its jobs are timed through a wrapper.
 * @param options The heavy request and the deadline.
 * @returns Clients, jobs, what went wrong, and timeline bars.
 * @example
 * ```ts ignore
 * const session = await runComputeSession({ addReader, removeReader, runIoOnce }, serve, pool);
 * timeline(session.bars, { title: "Your loop serves while the Workers compute", unit: "ms" });
 * ```
 */
export async function runComputeSession(
  io: IoFunctions,
  serve: ComputeServe,
  pool: WorkerPool,
  options: ComputeSessionOptions = {},
): Promise<ComputeSession> {
  const origin = performance.now();
  const since = () => performance.now() - origin;
  const jobs: ComputeJob[] = [];
  let handedOver!: () => void;
  const firstJob = new Promise<void>((resolve) => (handedOver = resolve));
  const timed: ComputePool = {
    size: pool.size,
    async run<T, R>(fn: (data: T) => R | Promise<R>, data: T): Promise<Awaited<R>> {
      const sent = since();
      handedOver();
      const job = await pool.runTimed(fn, data);
      const at = performance.timeOrigin + origin; // Worker times are on the shared wall clock
      jobs.push({
        sent,
        start: job.start - at,
        end: job.end - at,
        returned: since(),
        value: job.value,
      });
      return job.value;
    },
    map(fn, items) {
      return Promise.all(items.map((item) => this.run(fn, item)));
    },
  };
  // A send while the loop's selector wait is pending happens outside every turn of the loop
  // (in a promise's callback): the selector tells when it is waiting.
  let waiting = false, sendsOutsideTurns = 0;
  class WatchedSelector extends Selector<() => void> {
    override wait(timeout: number | null = null): Promise<[SelectorKey<() => void>, number][]> {
      const pending = super.wait(timeout);
      waiting = true;
      // Registered before the caller's await: cleared before the turn goes on.
      pending.then(() => (waiting = false));
      return pending;
    }
  }
  const loop: IoLoop = { ...newIoLoop(), selector: new WatchedSelector() };
  const listener = listenTcp(0);
  const accepted: StreamSocket[] = [];
  // The server sees the listener and its connections through proxies: every connection it
  // accepts is noted, to be closed at the end, and each send is checked against the loop's turns.
  const forward = <T extends object>(target: T, own: Partial<T>) =>
    new Proxy(target, {
      get(t, key) {
        if (Object.hasOwn(own, key)) return own[key as keyof T];
        const value = Reflect.get(t, key, t);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  const tracked = forward<ListeningSocket>(listener, {
    accept() {
      const [sock, address] = listener.accept();
      accepted.push(sock);
      const send = (data: Uint8Array) => {
        if (waiting) sendsOutsideTurns++;
        return sock.send(data);
      };
      return [forward<StreamSocket>(sock, { send }), address];
    },
  });
  let error: unknown = null, loopEnded = false;
  const giveUp = new AbortController();
  let clients: ComputeClient[] = [];
  let driving: ReturnType<typeof driveIoLoop> | null = null;
  try {
    serve(loop, tracked, timed); // registers the server's readers before the first turn
    driving = driveIoLoop(io, loop);
    const port = listener.localAddress.port;
    const heavy = client(port, options.heavy ?? "primes 2000000", origin, giveUp.signal);
    await settleWithin(Promise.race([firstJob, heavy]), 1000, null);
    const ping = client(port, "ping", origin, giveUp.signal);
    const both = Promise.all([heavy, ping]);
    const first = await settleWithin(
      Promise.race([both, driving.done]),
      options.timeoutMs ?? 10_000,
      null,
    );
    if (!Array.isArray(first)) giveUp.abort(); // the loop stopped, or the deadline passed
    clients = await both;
  } catch (thrown) {
    error = thrown;
    giveUp.abort();
  } finally {
    driving?.stop();
    const drove = driving && await settleWithin(driving.done, 1000, null);
    error ??= drove?.error ?? null;
    loopEnded = drove?.ended ?? false;
    for (const sock of accepted) if (!sock.closed) sock.abort();
    listener.close();
    loop.selector.close();
    await Promise.all([listener.waitClosed(), ...accepted.map((s) => s.waitClosed())]);
  }
  const bars: TimelineBar[] = [
    ...clients.map((c) => ({
      lane: c.request === "ping" ? "ping client" : "heavy client",
      kind: "io" as const,
      start: c.start,
      end: c.end,
    })),
    ...jobs.map((j, i) => ({
      lane: `Worker job ${i + 1}`,
      kind: "cpu" as const,
      start: j.start,
      end: j.end,
    })),
  ];
  return { clients, jobs, error, sendsOutsideTurns, loopEnded, bars };
}
