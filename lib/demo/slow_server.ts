/**
 * `startSlowServer`: a local HTTP server that takes its time, a stand-in for
 * a slow web site that needs no internet and answers the same way every time.
 *
 * @module
 */

/** Options for {@linkcode startSlowServer}. */
export interface SlowServerOptions {
  /** How long each response waits before it is sent, in milliseconds. Default 200. */
  delayMs?: number;
  /** Extra response headers (a few are always sent: see {@linkcode SlowServer}). */
  headers?: Record<string, string>;
  /** The port to listen on; default 0, a free port the system picks. */
  port?: number;
  /** Called when a request arrives and when its answer is sent (used by the Worker version). */
  onEvent?: (event: SlowServerEvent) => void;
}

/**
 * Something that happened at the server, timed on the wall clock all threads
 * share (`performance.timeOrigin + performance.now()`, in ms), so a server in a
 * Worker and the notebook's own thread can compare their times.
 */
export interface SlowServerEvent {
  /** `arrived`: the request reached the server; `answered`: its response was handed over. */
  kind: "arrived" | "answered";
  /** The request's path. */
  path: string;
  /** When it happened, in wall-clock ms since 1970. */
  at: number;
}

/** A running slow server: its address, what it has seen, and how to stop it. */
export interface SlowServer {
  /**
   * The base URL, e.g. `http://127.0.0.1:41234/`. Any path answers. After
   * `close()`, reading it (or `reset()`, `nextArrival()`) listens again on the same port.
   */
  readonly url: string;
  /** The delay each response waits, in milliseconds. */
  readonly delayMs: number;
  /** How many requests have arrived so far. */
  readonly requests: number;
  /** How many requests are being answered right now (arrived, response not sent yet). */
  readonly inFlight: number;
  /** The most requests that were in flight at the same moment since the last reset. */
  readonly peakInFlight: number;
  /** Every arrival and answer so far (wall-clock times all threads share). */
  readonly events: readonly SlowServerEvent[];
  /** Resolves at the next arrival of a request, so a cell can wait until the server has it. */
  nextArrival(): Promise<SlowServerEvent>;
  /** Sets `requests` and `peakInFlight` back to zero (between two experiments). */
  reset(): void;
  /** Stops listening and waits until the server has shut down; closing twice is harmless. */
  close(): Promise<void>;
  /** `await using server = startSlowServer()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port chosen by the system) that
 * answers every request after `delayMs` milliseconds. The body is the request's
 * path (`/page/3` answers `"/page/3"`), so each URL has a known answer; `?delay=50`
 * overrides the delay for one request. Responses carry a few headers
 * (`content-type`, `server`, `x-delay-ms`, `x-request-number`, plus `headers`).
 *
 * The server counts requests and how many were in flight at once, so a cell can
 * show that requests really overlapped without trusting a stopwatch.
 *
 * Needs `--allow-net=127.0.0.1` (the notebook kernel has every permission).
 *
 * @param options `delayMs` and extra `headers`.
 * @returns The running server; `close()` it (or `await using` it) when done.
 * @example
 * ```ts
 * import { startSlowServer } from "@course/lib";
 * await using server = startSlowServer({ delayMs: 100 });
 * const response = await fetch(new URL("/hello", server.url));
 * console.log(await response.text(), server.requests); // "/hello" 1
 * ```
 */
export function startSlowServer(options: SlowServerOptions = {}): SlowServer {
  const delayMs = options.delayMs ?? 200;
  if (!(delayMs >= 0) || !Number.isFinite(delayMs)) {
    throw new RangeError(`delayMs must be a finite number >= 0, got ${delayMs}`);
  }
  const extra = options.headers ?? {};
  const now = () => performance.timeOrigin + performance.now();
  const events: SlowServerEvent[] = [];
  let arrivalWaiters: ((event: SlowServerEvent) => void)[] = [];
  const onEvent = (event: SlowServerEvent) => {
    events.push(event);
    options.onEvent?.(event);
    if (event.kind !== "arrived") return;
    const waiters = arrivalWaiters;
    arrivalWaiters = [];
    waiters.forEach((wake) => wake(event));
  };
  let requests = 0, inFlight = 0, peakInFlight = 0;
  const pending = new Set<() => void>(); // wake-ups of waiting responses, for close()

  const handler = async (request: Request): Promise<Response> => {
    const number = ++requests;
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    const url = new URL(request.url);
    onEvent({ kind: "arrived", path: url.pathname, at: now() });
    const asked = Number(url.searchParams.get("delay"));
    const delay = url.searchParams.has("delay") && asked >= 0 ? asked : delayMs;
    try {
      await new Promise<void>((wake) => {
        const timer = setTimeout(() => (pending.delete(stop), wake()), delay);
        const stop = () => (clearTimeout(timer), wake());
        pending.add(stop);
      });
      onEvent({ kind: "answered", path: url.pathname, at: now() });
      return new Response(url.pathname, {
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "server": "course-slow-server",
          "x-delay-ms": String(delay),
          "x-request-number": String(number),
          ...extra,
        },
      });
    } finally {
      inFlight--;
    }
  };

  // Closed by a clean-up cell, the server listens again on the same port when it is
  // next used, so a demo cell run again after the clean-up still finds it.
  const listen = (port: number) =>
    Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, handler);
  let server = listen(options.port ?? 0);
  const port = server.addr.port;
  const url = `http://127.0.0.1:${port}/`;
  let closing: Promise<void> | null = null;
  const close = () => {
    // Answer the waiting requests at once so shutdown does not wait for their timers.
    closing ??= (pending.forEach((stop) => stop()), server.shutdown());
    return closing;
  };
  const reopen = () => {
    if (closing === null) return;
    server = listen(port);
    closing = null;
  };
  return {
    get url() {
      reopen();
      return url;
    },
    delayMs,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    events,
    nextArrival: () => (reopen(), new Promise((wake) => arrivalWaiters.push(wake))),
    reset() {
      reopen();
      requests = 0;
      peakInFlight = inFlight;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
