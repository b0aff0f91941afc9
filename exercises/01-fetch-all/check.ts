/**
 * Checks for `01-fetch-all`: the learner's `fetchAll` against a local slow
 * server, which counts how many requests it was answering at the same moment.
 * That count, not a stopwatch, decides whether the requests overlapped.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, startSlowServer } from "@course/lib";

type Bindings = { fetchAll: (urls: string[]) => Promise<unknown> };

/** Runs `fetchAll` on `count` URLs of a fresh slow server. */
async function run({ fetchAll }: Bindings, count: number) {
  expectFunction(fetchAll, "fetchAll");
  await using server = startSlowServer({ delayMs: 100 });
  // Not in numeric order, so a result sorted by accident is caught.
  const urls = Array.from(
    { length: count },
    (_, i) => new URL(`/item/${(i * 7) % count}`, server.url).href,
  );
  const result = await fetchAll(urls);
  // The reference: the server answers each URL with its own path.
  const expected = urls.map((url) => new URL(url).pathname);
  return { result, expected, peak: server.peakInFlight, requests: server.requests };
}

export default defineChecks<Bindings>([
  {
    name: "fetchAll is a function",
    run: ({ fetchAll }) => expectFunction(fetchAll, "fetchAll"),
  },
  {
    name: "fetchAll returns the six bodies in the order of the URLs",
    misconception:
      "results come back in the order the work finishes, not in the order it was asked for",
    run: async (bindings) => {
      const { result, expected } = await run(bindings, 6);
      expectEqual(result, expected, "fetchAll(urls)");
    },
  },
  {
    name: "the six requests wait at the server at the same time",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (bindings) => {
      const { peak, requests } = await run(bindings, 6);
      if (requests !== 6) fail(`expected 6 requests to reach the server, it received ${requests}`);
      if (peak < 6) {
        fail(
          `at most ${peak} of the 6 requests were waiting at the server at the same moment, ` +
            "expected all 6: send every request before awaiting any answer",
        );
      }
    },
  },
  {
    name: "twenty URLs: twenty bodies in order, all twenty requests at once",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    hidden: true,
    run: async (bindings) => {
      const { result, expected, peak } = await run(bindings, 20);
      expectEqual(result, expected, "fetchAll(urls)");
      if (peak < 20) fail(`at most ${peak} of 20 requests were in flight at once, expected 20`);
    },
  },
  {
    name: "no URLs: an empty array",
    hidden: true,
    run: async ({ fetchAll }) => expectEqual(await fetchAll([]), [], "fetchAll([])"),
  },
]);
