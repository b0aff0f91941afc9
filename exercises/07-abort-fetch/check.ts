/**
 * Checks for `07-abort-fetch`: real JavaScript work with a deadline. The
 * server notices when a client gives up, so a solution that only stops
 * waiting (a `Promise.race` with a timer) is told apart from one that
 * cancels the request. Times are generous: only the order of magnitude counts.
 *
 * @module
 */
import { defineChecks, expectFunction, fail, show } from "@course/lib";
import { startAbortServer } from "./server.ts";

type FetchWithin = (url: string, ms: number, fallback: string) => Promise<unknown>;
type Bindings = { fetchWithin: unknown };

/** Calls the learner's function on a fresh server; reports result, time and what the server saw. */
async function run(fetchWithin: unknown, delay: number, ms: number) {
  expectFunction(fetchWithin, "fetchWithin");
  await using server = startAbortServer();
  const started = performance.now();
  const result = await (fetchWithin as FetchWithin)(`${server.url}?delay=${delay}`, ms, "fallback");
  const took = performance.now() - started;
  // Give an abort a moment to reach the server.
  for (let i = 0; i < 50 && server.aborted === 0 && delay > ms; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return { result, took, aborted: server.aborted, requests: server.requests };
}

export default defineChecks<Bindings>([
  {
    name: "a quick answer (50 ms, deadline 2 s) is returned",
    run: async ({ fetchWithin }) => {
      const { result } = await run(fetchWithin, 50, 2000);
      if (result !== "answered after 50 ms") {
        fail(`fetchWithin returned ${show(result)}; a quick answer's body should come back`);
      }
    },
  },
  {
    name: "a slow answer (3 s, deadline 200 ms): the fallback, soon after the deadline",
    misconception: "a timeout gives up only after the slow work has finished",
    run: async ({ fetchWithin }) => {
      const { result, took } = await run(fetchWithin, 3000, 200);
      if (result !== "fallback") {
        fail(`fetchWithin returned ${show(result)}, expected the fallback`);
      }
      if (took > 2000) {
        fail(
          `fetchWithin took ${took.toFixed(0)} ms with a 200 ms deadline: it waited for the answer`,
        );
      }
    },
  },
  {
    name: "the slow request is cancelled, not just ignored",
    misconception: "a timeout only stops the waiting; the slow work is left running",
    run: async ({ fetchWithin }) => {
      const { aborted } = await run(fetchWithin, 3000, 200);
      if (aborted === 0) {
        fail(
          "the server never saw the request cancelled: you stopped waiting, but the request " +
            "went on. Give fetch a signal that aborts at the deadline",
        );
      }
    },
  },
  {
    name: "a failure that is not the deadline reaches the caller",
    misconception: "an error in the awaited work is swallowed by the timeout wrapper",
    hidden: true,
    run: async ({ fetchWithin }) => {
      expectFunction(fetchWithin, "fetchWithin");
      // Nothing listens on port 9 of the loopback here: the connection is refused at once.
      let outcome: unknown;
      try {
        outcome = await (fetchWithin as FetchWithin)("http://127.0.0.1:9/", 2000, "fallback");
      } catch (error) {
        if (error instanceof TypeError) return;
        throw error;
      }
      fail(
        `fetchWithin returned ${
          show(outcome)
        } for a refused connection; only the deadline gives the fallback`,
      );
    },
  },
]);
