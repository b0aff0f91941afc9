/**
 * Checks for `08-predict-echo`: the learner's predictions against a run of
 * the program on the simulated network (program.ts).
 *
 * @module
 */
import { defineChecks, expectClose, fail, show } from "@course/lib";
import { lastEcho as measured } from "./program.ts";

/** The measured time, rounded to the microsecond so messages read 6.2, not 6.199999999999994. */
const lastEcho = async (kind: "concurrent" | "one-at-a-time") =>
  Math.round(await measured(kind) * 1e6) / 1e6;

type Bindings = { concurrentDone: unknown; oneAtATimeDone: unknown };

function number(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(`expected ${name} to be a number of seconds, got ${show(value)}`);
  }
  return value as number;
}

export default defineChecks<Bindings>([
  {
    name: "concurrentDone: the concurrent server",
    run: async ({ concurrentDone }) =>
      expectClose(
        number(concurrentDone, "concurrentDone"),
        await lastEcho("concurrent"),
        "concurrentDone",
        {
          tolerance: 1e-6,
        },
      ),
  },
  {
    name: "oneAtATimeDone: the one-at-a-time server",
    run: async ({ oneAtATimeDone }) =>
      expectClose(
        number(oneAtATimeDone, "oneAtATimeDone"),
        await lastEcho("one-at-a-time"),
        "oneAtATimeDone",
        { tolerance: 1e-6 },
      ),
  },
]);
