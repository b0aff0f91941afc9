import { type Coroutine, gather, sleep } from "@course/lib";

// Ten downloads of one second each, at most three at a time: batches of three, then one.
function* waitAll(): Coroutine<unknown[]> {
  const results: unknown[] = [];
  for (let first = 0; first < 10; first += 3) {
    const batch = [];
    for (let i = first; i < Math.min(first + 3, 10); i++) batch.push(sleep(1, i));
    results.push(...(yield* gather(...batch)));
  }
  return results;
}
