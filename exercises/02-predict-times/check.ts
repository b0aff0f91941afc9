/**
 * Checks for `02-predict-times`: the learner's predictions against the times
 * found by simulating the two programs (see `program.ts`).
 *
 * @module
 */
import { defineChecks, expectPrediction, fail, show } from "@course/lib";
import { concurrent, serial, simulate } from "./program.ts";

type Times = { wallMs: number; cpuMs: number };
type Bindings = { predictions: unknown };

const TOLERANCE_MS = 10;

/** Compares one program's predicted times with the simulated ones, explaining a miss. */
async function expectTimes(predictions: unknown, name: "serial" | "concurrent", why: string) {
  const want = await simulate(name === "serial" ? serial : concurrent);
  const got = (predictions as Record<string, unknown>)[name] as Times;
  expectPrediction(got.cpuMs, want.cpuMs, {
    what: `predictions.${name}.cpuMs`,
    words: ["little", "much"],
    tolerance: TOLERANCE_MS,
    why: "CPU time only counts the computing (busy), never the waiting",
  });
  expectPrediction(got.wallMs, want.wallMs, {
    what: `predictions.${name}.wallMs`,
    words: ["little", "much"],
    tolerance: TOLERANCE_MS,
    why,
  });
}

export default defineChecks<Bindings>([
  {
    name: "predictions gives wallMs and cpuMs for serial and concurrent",
    run: ({ predictions }) => {
      for (const name of ["serial", "concurrent"]) {
        const times = (predictions as Record<string, Record<string, unknown>> | null)?.[name];
        if (typeof times?.wallMs !== "number" || typeof times?.cpuMs !== "number") {
          fail(
            `expected predictions.${name} to be { wallMs: number, cpuMs: number }, got ${
              show(times)
            }`,
          );
        }
      }
    },
  },
  {
    name: "serial: wall time and CPU time (within 10 ms)",
    misconception: "time spent waiting for I/O is counted as CPU time",
    run: ({ predictions }) =>
      expectTimes(
        predictions,
        "serial",
        "each page waits, then computes, before the next page starts",
      ),
  },
  {
    name: "concurrent: wall time and CPU time (within 10 ms)",
    misconception: "time spent waiting for I/O is counted as CPU time",
    run: ({ predictions }) =>
      expectTimes(
        predictions,
        "concurrent",
        "the waits overlap, but one thread still computes the pages one at a time",
      ),
  },
]);
