/**
 * Checks for `06-stall-the-ticker`: the learner's verdicts against a
 * measurement of the five snippets under a 10 ms ticker (snippets.ts). With
 * two possible verdicts, the feedback counts wrong ones and never names one.
 *
 * @module
 */
import { defineChecks, expectPrediction } from "@course/lib";
import { measureStalls } from "./snippets.ts";

let measured: Promise<Record<string, boolean>> | undefined;
const truth = () => measured ??= measureStalls();

/** Compares the learner's verdicts for some snippets with the measurement. */
async function expectVerdicts(stalls: unknown, names: string[], why: string): Promise<void> {
  const want = await truth();
  const got = typeof stalls === "object" && stalls !== null
    ? Object.fromEntries(names.map((n) => [n, (stalls as Record<string, unknown>)[n]]))
    : stalls;
  expectPrediction(got, Object.fromEntries(names.map((n) => [n, want[n]])), {
    what: "stalls",
    choices: [true, false],
    why,
  });
}

export default defineChecks<{ stalls: unknown }>([
  {
    name: "waiting for a timer, a server, a system call",
    misconception:
      "waiting for a timer, a server or a system call holds up the event loop as computing does",
    run: ({ stalls }) =>
      expectVerdicts(stalls, ["timer", "fetch", "atomicsWait"], "who does the waiting, and where?"),
  },
  {
    name: "an async function that computes, and a Worker that blocks",
    misconception: "marking a function async moves its computation off the main thread",
    run: ({ stalls }) =>
      expectVerdicts(
        stalls,
        ["asyncBusy", "worker"],
        "does `async` move work off the thread? which thread blocks in a Worker?",
      ),
  },
]);
