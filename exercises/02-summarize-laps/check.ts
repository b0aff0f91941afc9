/**
 * Checks for `02-summarize-laps`: the learner's `summarize` against the
 * reference in `reference.ts`, on fixed measurements (so no clock is involved).
 *
 * @module
 */
import { defineChecks, expectClose, expectEqual, expectFunction, fail, show } from "@course/lib";
import { CASES, type Kind, type Lap, summarize as reference } from "./reference.ts";

type Bindings = { summarize: (laps: Lap[], kinds: Record<string, Kind>) => unknown };

/** Calls the learner's summarize on a copy of a case (so it cannot spoil the case). */
function run({ summarize }: Bindings, name: string) {
  expectFunction(summarize, "summarize");
  const { laps, kinds } = structuredClone(CASES[name]);
  const got = summarize(laps, kinds) as Record<string, unknown>;
  if (typeof got !== "object" || got === null) {
    fail(`expected summarize to return { ioMs, cpuMs, slowest, bound }, got ${show(got)}`);
  }
  return { got, want: reference(CASES[name].laps, CASES[name].kinds) };
}

/** Checks one field of the summary on every case. */
function field(bindings: Bindings, key: "ioMs" | "cpuMs" | "slowest" | "bound", cases: string[]) {
  for (const name of cases) {
    const { got, want } = run(bindings, name);
    const what = `summarize(...).${key} for the "${name}" laps`;
    if (typeof want[key] === "number") {
      expectClose(got[key], want[key] as number, what, { tolerance: 1e-6 });
    } else expectEqual(got[key], want[key], what);
  }
}

const ALL = Object.keys(CASES);
const VISIBLE = ALL.filter((name) => name !== "a tie");

export default defineChecks<Bindings>([
  {
    name: "summarize is a function",
    run: ({ summarize }) => expectFunction(summarize, "summarize"),
  },
  {
    name: "ioMs and cpuMs add up the wall time of the I/O lines and of the CPU lines",
    misconception: "waiting for a device (disk, network) is confused with computing on the CPU",
    run: (bindings) => (field(bindings, "ioMs", VISIBLE), field(bindings, "cpuMs", VISIBLE)),
  },
  {
    name: "slowest names the line that took the most wall time",
    run: (bindings) => field(bindings, "slowest", VISIBLE),
  },
  {
    name: 'bound is "io" when waiting took more time in total, else "cpu"',
    misconception: "waiting for a device (disk, network) is confused with computing on the CPU",
    run: (bindings) => field(bindings, "bound", VISIBLE),
  },
  {
    name: "the tie rules: equal totals are io-bound; of equally slow laps, the first is named",
    hidden: true,
    run: (bindings) => (field(bindings, "slowest", ["a tie"]), field(bindings, "bound", ["a tie"])),
  },
]);
