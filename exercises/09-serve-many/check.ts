/**
 * Checks for `09-serve-many`: ten clients at 100 ms latency against the
 * learner's `serve`, on the virtual clock; the reference server gives the
 * expected time of the last answer.
 *
 * @module
 */
import { defineChecks, expectClose, expectGeneratorFunction, fail } from "@course/lib";
import { referenceServe, runWaves, type Serve } from "./harness.ts";

type Bindings = { serve: Serve };

const last = (times: (number | null)[]) => Math.max(...times.map((t) => t ?? Infinity));
const round = (t: number) => Math.round(t * 1e6) / 1e6;

async function waves({ serve }: Bindings, n: number) {
  expectGeneratorFunction(serve, "serve");
  const mine = await runWaves(serve, n);
  for (const [w, wave] of mine.entries()) {
    const missing = wave.filter((t) => t === null).length;
    if (missing > 0) fail(`wave ${w + 1}: ${missing} of 10 clients got no answer, or a wrong one`);
  }
  return { mine, want: await runWaves(referenceServe, n) };
}

export default defineChecks<Bindings>([
  {
    name: "every client gets its own request back",
    run: async (b) => void await waves(b, 1),
  },
  {
    name: "the ten clients are answered concurrently",
    misconception: "a server on one thread can only answer its clients one after another",
    run: async (b) => {
      const { mine, want } = await waves(b, 1);
      const got = round(last(mine[0])), expected = round(last(want[0]));
      expectClose(got, expected, "the virtual time of the last answer", { tolerance: 1e-6 });
    },
  },
  {
    name: "serve keeps serving: a second wave at t = 5 is answered concurrently too",
    misconception: "a server on one thread can only answer its clients one after another",
    hidden: true,
    run: async (b) => {
      const { mine, want } = await waves(b, 2);
      expectClose(
        round(last(mine[1])),
        round(last(want[1])),
        "the time of the second wave's last answer",
        {
          tolerance: 1e-6,
        },
      );
    },
  },
]);
