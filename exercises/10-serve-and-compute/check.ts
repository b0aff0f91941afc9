/**
 * Checks for `10-serve-and-compute`, the capstone's finale: the learner's
 * `serve` answers heavy requests (count the primes below n) and pings, on one
 * thread, with the counting in a pool of two Workers. `runComputeSession`
 * records every client and every Worker job on one clock, so the checks rely
 * on orders (was the ping answered before the heavy answers?), not speeds.
 *
 * @module
 */
import {
  countPrimes,
  defineChecks,
  expectGeneratorFunction,
  fail,
  runComputeSession,
  show,
  WorkerPool,
} from "@course/lib";
import type { ComputeServe, ComputeSession } from "@course/lib";

type Bindings = { serve: unknown };

const N = 1_000_000;
let truth: number | undefined;

let session: Promise<ComputeSession> | undefined;
let sessionFor: unknown;
/** One session per learner function, shared by the checks. */
function sessionOf(serve: unknown): Promise<ComputeSession> {
  expectGeneratorFunction(serve, "serve");
  if (!session || sessionFor !== serve) {
    sessionFor = serve;
    session = (async () => {
      await using pool = new WorkerPool(2);
      await pool.map((n: number) => n, [1, 2]); // both Workers started before the clock matters
      return await runComputeSession(serve as ComputeServe, pool, { timeoutMs: 8000 });
    })();
  }
  return session;
}

export default defineChecks<Bindings>([
  {
    name: "every client gets the right answer",
    run: async ({ serve }) => {
      truth ??= countPrimes(N);
      const { clients } = await sessionOf(serve);
      for (const c of clients) {
        const want = c.request === "ping" ? "pong" : String(truth);
        if (c.reply !== want) {
          fail(`the client that sent ${show(c.request)} got ${show(c.reply)}`);
        }
      }
    },
  },
  {
    name: "the counting happens in the Workers, both at once",
    run: async ({ serve }) => {
      const { jobs } = await sessionOf(serve);
      if (jobs.length < 4) {
        fail(
          `the pool ran ${jobs.length} job(s) for 4 heavy requests: count in pool.run, not here`,
        );
      }
      const edges = jobs.flatMap((j) => [[j.start, 1], [j.end, -1]])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let now = 0, peak = 0;
      for (const [, step] of edges) peak = Math.max(peak, now += step);
      if (peak < 2) {
        fail("the two Workers never computed at the same moment: is one client served at a time?");
      }
    },
  },
  {
    name: "a ping is answered while the Workers compute",
    misconception: "computation in Workers still holds up the main thread's event loop",
    run: async ({ serve }) => {
      const { clients } = await sessionOf(serve);
      const ping = clients.find((c) => c.request === "ping")!;
      const firstHeavy = Math.min(...clients.filter((c) => c !== ping).map((c) => c.end));
      if (!(ping.end < firstHeavy)) {
        fail(
          "the ping, sent just after the heavy requests, was answered only after a heavy one: " +
            "the loop was busy (computing on this thread, or serving one client at a time)",
        );
      }
    },
  },
]);
