/**
 * Checks for `08-all-or-nothing`, on the virtual clock: both results when both
 * requests succeed; when one fails, the other is cancelled at that moment and
 * the caller gets an ExceptionGroup (an AggregateError) holding the failure.
 *
 * @module
 */
import {
  CancelledError,
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  getRunningLoop,
  runOnVirtualClock,
  show,
  sleep,
} from "@course/lib";

type Load = (
  fetchProfile: () => Coroutine<string>,
  fetchOrders: () => Coroutine<string>,
) => Coroutine<[string, string]>;
type Bindings = { loadDashboard: Load };

class OrdersDown extends Error {
  override name = "OrdersDown";
}

/** A request that takes `seconds`, then returns `value` or throws `error`; it notes a cancel. */
function request(seconds: number, outcome: { value?: string; error?: Error }) {
  const seen: { cancelledAt: number | null; finished: boolean } = {
    cancelledAt: null,
    finished: false,
  };
  function* fetch(): Coroutine<string> {
    try {
      yield* sleep(seconds);
    } catch (error) {
      if (error instanceof CancelledError) seen.cancelledAt = getRunningLoop().time();
      throw error;
    }
    seen.finished = true;
    if (outcome.error) throw outcome.error;
    return outcome.value!;
  }
  return { seen, fetch };
}

async function failing({ loadDashboard }: Bindings) {
  expectGeneratorFunction(loadDashboard, "loadDashboard");
  const profile = request(5, { value: "Ada" });
  const failure = new OrdersDown("the orders service is down");
  const orders = request(1, { error: failure });
  let thrown: unknown = null;
  const run = await runOnVirtualClock(function* () {
    try {
      yield* loadDashboard(profile.fetch, orders.fetch);
    } catch (error) {
      thrown = error;
    }
  }, { name: "loadDashboard(profile: 5 s, orders: fails at 1 s)" });
  return { run, thrown, failure, profile };
}

export default defineChecks<Bindings>([
  {
    name: "loadDashboard is a generator function",
    run: ({ loadDashboard }) => expectGeneratorFunction(loadDashboard, "loadDashboard"),
  },
  {
    name: "both succeed: both results, at the same time (3 s, not 3 + 2)",
    run: async ({ loadDashboard }) => {
      expectGeneratorFunction(loadDashboard, "loadDashboard");
      const p = request(3, { value: "Ada" }), o = request(2, { value: "2 orders" });
      const run = await runOnVirtualClock(() => loadDashboard(p.fetch, o.fetch), {
        name: "loadDashboard(profile: 3 s, orders: 2 s)",
      });
      expectEqual(run.value, ["Ada", "2 orders"], "loadDashboard's result");
      expectVirtualTime(run, 3, { tooSlow: "the two requests ran one after the other" });
    },
  },
  {
    name: "one fails: the other is cancelled then, not left running",
    run: async (bindings) => {
      const { run, profile } = await failing(bindings);
      if (profile.seen.finished) {
        fail(
          "the profile request ran on to the end after the orders request failed: cancel it",
          { trace: run.trace },
        );
      }
      if (profile.seen.cancelledAt === null) {
        fail("the profile request never saw a CancelledError", { trace: run.trace });
      }
      expectVirtualTime(run, 1, { tooSlow: "loadDashboard returned after the failed request" });
    },
  },
  {
    name: "the caller gets an ExceptionGroup (an AggregateError) holding the failure",
    run: async (bindings) => {
      const { thrown, failure } = await failing(bindings);
      if (!(thrown instanceof AggregateError) || !thrown.errors.includes(failure)) {
        fail(
          `loadDashboard threw ${show(thrown)}; expected an ExceptionGroup (an AggregateError) ` +
            "whose errors hold the OrdersDown error: what a TaskGroup throws",
        );
      }
    },
  },
]);
