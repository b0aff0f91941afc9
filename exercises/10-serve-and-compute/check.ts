/**
 * Checks for `10-serve-and-compute`, the capstone's finale: the learner's
 * `serve`, on the learner's own stage-3 loop, answers a heavy request (count
 * the primes below n) by sharding it over a pool of two Workers, and a ping
 * meanwhile. `runComputeSession` records every client and every Worker job on
 * one clock, so the checks read orders and overlaps from timestamps (was the
 * ping answered while Worker jobs were out? did two jobs run at once?), not speeds.
 *
 * @module
 */
import {
  type ComputeServe,
  type ComputeSession,
  countPrimes,
  defineChecks,
  expectFunction,
  fail,
  type IoFunctions,
  runComputeSession,
  show,
  WorkerPool,
} from "@course/lib";

type Bindings = { serve: unknown; addReader: unknown; removeReader: unknown; runIoOnce: unknown };

const N = 2_000_000;
let truth: number | undefined;

let session: Promise<ComputeSession> | undefined;
let sessionFor: unknown;
/** One session per learner function, shared by the checks. */
function sessionOf(b: Bindings): Promise<ComputeSession> {
  for (const name of ["serve", "addReader", "removeReader", "runIoOnce"] as const) {
    expectFunction(b[name], name);
  }
  if (!session || sessionFor !== b.serve) {
    sessionFor = b.serve;
    session = (async () => {
      await using pool = new WorkerPool(2);
      await pool.map((n: number) => n, [1, 2]); // both Workers started before the clock matters
      const s = await runComputeSession(
        b as unknown as IoFunctions,
        b.serve as ComputeServe,
        pool,
        { heavy: `primes ${N}`, timeoutMs: 15_000 },
      );
      if (s.loopEnded) {
        fail(
          "your loop stopped (runIoOnce returned false) while the server was listening: " +
            "finish stage 3 (10-mini-io) first, the finale runs on it",
        );
      }
      if (s.error !== null) {
        const { name, message } = s.error instanceof Error ? s.error : new Error(String(s.error));
        fail(`your server or loop threw ${name}: ${message}`);
      }
      return s;
    })();
  }
  return session;
}

export default defineChecks<Bindings>([
  {
    name: "the ping and the heavy request get the right answers",
    run: async (b) => {
      const { clients } = await sessionOf(b);
      truth ??= countPrimes(N);
      for (const c of clients) {
        const want = c.request === "ping" ? "pong" : String(truth);
        if (c.reply !== want) fail(`the client that sent ${show(c.request)} got ${show(c.reply)}`);
      }
    },
  },
  {
    name: "the counting is split over the pool's Workers, which compute at the same time",
    misconception: "one big job keeps every Worker of a pool busy",
    run: async (b) => {
      const { jobs } = await sessionOf(b);
      if (jobs.length === 0) fail("the pool ran no job: the counting happened on this thread");
      if (jobs.length < 2) {
        fail(
          "the pool ran one job for the heavy request: one Worker counted while the other idled",
        );
      }
      // From the Workers' own start and end times: how many ran at the same moment.
      const edges = jobs.flatMap((j) => [[j.start, 1], [j.end, -1]])
        .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let now = 0, peak = 0;
      for (const [, step] of edges) peak = Math.max(peak, now += step);
      if (peak < 2) {
        fail("the Workers never computed at the same moment: were the pieces sent one by one?");
      }
    },
  },
  {
    name: "your loop answers the ping while the Workers compute",
    misconception: "computation in Workers still holds up the main thread's event loop",
    run: async (b) => {
      const { clients, jobs } = await sessionOf(b);
      const ping = clients.find((c) => c.request === "ping");
      const heavy = clients.find((c) => c.request !== "ping");
      if (!ping || !heavy) fail("the session did not get as far as both clients");
      const out = jobs.some((j) => j.sent <= ping.end && ping.end <= j.returned);
      if (!out || !(ping.end < heavy.end)) {
        fail(
          "the ping, sent once the counting had started, was answered only after it: " +
            "your loop was busy (counting on this thread, or waiting for the result in a callback)",
        );
      }
    },
  },
  {
    name: "the answers leave in your loop's turns, not from a promise's callback",
    misconception: "a callback that runs on the same thread runs in the loop's turns",
    run: async (b) => {
      const { sendsOutsideTurns } = await sessionOf(b);
      if (sendsOutsideTurns > 0) {
        fail(
          `${sendsOutsideTurns} answer(s) went out while your loop was waiting for sockets, from ` +
            "a promise's callback: JavaScript ran it, not your loop. Hand the result to the loop " +
            "as a callback, and wake the loop so that it runs it in its next turn",
        );
      }
    },
  },
]);
