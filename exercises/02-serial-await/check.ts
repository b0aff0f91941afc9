/**
 * Checks for `02-serial-await`: the learner's `buildReport` against a local
 * slow server that counts how many requests it was answering at the same
 * moment. Each customer's URL comes from its order's answer, so the two
 * requests of one order must stay in sequence; the orders must not.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, startSlowServer } from "@course/lib";

type Bindings = { buildReport: (base: string, orderIds: number[]) => Promise<unknown> };

/** The report the code must build: one line per order, in the order of the ids. */
function expected(orderIds: number[]): unknown {
  const lines = orderIds.map((id) => `order /order/${id}: customer /customer/order/${id}`);
  return { lines, total: orderIds.reduce((sum, id) => sum + `/order/${id}`.length, 0) };
}

/** Runs buildReport on a fresh slow server. */
async function run({ buildReport }: Bindings, orderIds: number[]) {
  expectFunction(buildReport, "buildReport");
  await using server = startSlowServer({ delayMs: 100 });
  const report = await buildReport(server.url.replace(/\/$/, ""), orderIds);
  return { report, peak: server.peakInFlight, requests: server.requests };
}

const IDS = [7, 3, 9, 1, 4];

export default defineChecks<Bindings>([
  {
    name: "buildReport returns the same report as before",
    run: async (b) => expectEqual((await run(b, IDS)).report, expected(IDS), "the report"),
  },
  {
    name: "the five orders are requested at the same time",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    run: async (b) => {
      const { peak, requests } = await run(b, IDS);
      if (requests !== 2 * IDS.length) {
        fail(
          `the server received ${requests} requests; one order and one customer per id make ${
            2 * IDS.length
          }`,
        );
      }
      if (peak < IDS.length) {
        fail(
          `at most ${peak} ${peak === 1 ? "request was" : "requests were"} at the server ` +
            "at the same moment: the loop still " +
            "awaits each order before it asks for the next one",
        );
      }
    },
  },
  {
    name: "twelve orders: the same report, all orders at once",
    misconception: "awaiting each wait before starting the next still lets the waits overlap",
    hidden: true,
    run: async (b) => {
      const ids = [12, 5, 8, 1, 11, 2, 10, 3, 9, 4, 7, 6];
      const { report, peak } = await run(b, ids);
      expectEqual(report, expected(ids), "the report");
      if (peak < ids.length) fail(`at most ${peak} of ${ids.length} order requests at once`);
    },
  },
  {
    name: "no orders: an empty report",
    hidden: true,
    run: async (b) => expectEqual((await run(b, [])).report, expected([]), "the report"),
  },
]);
