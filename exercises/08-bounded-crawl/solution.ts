import { type Coroutine, gather, Semaphore } from "@course/lib";

// Fetch every URL with `fetchPage`, at most `limit` at the same time; results in URL order.
function* crawl(
  urls: string[],
  limit: number,
  fetchPage: (url: string) => Coroutine<string>,
): Coroutine<string[]> {
  const places = new Semaphore(limit);
  function* one(url: string): Coroutine<string> {
    using _place = yield* places.hold(); // wait for a free place; give it back at the end
    return yield* fetchPage(url);
  }
  return yield* gather(urls.map(one));
}
