/**
 * Checks for `08-bounded-crawl`, on the virtual clock: a pretend server counts
 * the requests in flight, as the chapter's slow server does.
 *
 * @module
 */
import {
  type Coroutine,
  defineChecks,
  expectEqual,
  expectGeneratorFunction,
  expectVirtualTime,
  fail,
  runOnVirtualClock,
  sleep,
} from "@course/lib";

type Crawl = (
  urls: string[],
  limit: number,
  fetchPage: (url: string) => Coroutine<string>,
) => Coroutine<string[]>;
type Bindings = { crawl: Crawl };

/** A pretend server: each page takes `seconds(url)`; it records the peak in flight. */
function server(seconds: (url: string) => number) {
  const stats = { inFlight: 0, peak: 0 };
  function* fetchPage(url: string): Coroutine<string> {
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    try {
      yield* sleep(seconds(url));
      return `page ${url}`;
    } finally {
      stats.inFlight--;
    }
  }
  return { stats, fetchPage };
}

const URLS = Array.from({ length: 10 }, (_, i) => `/p/${i}`);

async function crawlOnce({ crawl }: Bindings, limit: number, seconds = (_url: string) => 1) {
  expectGeneratorFunction(crawl, "crawl");
  const { stats, fetchPage } = server(seconds);
  const run = await runOnVirtualClock(() => crawl(URLS, limit, fetchPage), {
    name: `crawl(10 URLs, ${limit}, fetchPage)`,
  });
  return { stats, run };
}

export default defineChecks<Bindings>([
  {
    name: "crawl is a generator function",
    run: ({ crawl }) => expectGeneratorFunction(crawl, "crawl"),
  },
  {
    name: "never more than `limit` requests in flight (10 URLs, limit 3)",
    run: async (bindings) => {
      const { stats, run } = await crawlOnce(bindings, 3);
      if (stats.peak > 3) {
        fail(`the server saw ${stats.peak} requests in flight at once, expected at most 3`, {
          trace: run.trace,
        });
      }
    },
  },
  {
    name: "still concurrent: 10 one-second pages through 3 places take 4 s, not 10",
    run: async (bindings) => {
      const { run } = await crawlOnce(bindings, 3);
      expectVirtualTime(run, 4, {
        tooSlow: "the pages were fetched with fewer than 3 in flight",
        tooFast: "more than 3 pages were in flight at once",
      });
    },
  },
  {
    name: "the pages come back in URL order",
    run: async (bindings) => {
      const { run } = await crawlOnce(bindings, 3, (url) => 1 + (Number(url.at(-1)) % 3));
      expectEqual(run.value, URLS.map((u) => `page ${u}`), "crawl's result");
    },
  },
  {
    name: "limit 1 fetches one page at a time",
    hidden: true,
    run: async (bindings) => {
      const { stats, run } = await crawlOnce(bindings, 1);
      expectEqual(stats.peak, 1, "the peak in flight");
      expectVirtualTime(run, 10);
    },
  },
]);
