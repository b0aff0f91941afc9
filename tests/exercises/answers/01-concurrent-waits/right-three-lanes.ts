import { type Coroutine, gather, sleep } from "@course/lib";

// Three lanes, each taking the next download as soon as it is free.
function* waitAll(): Coroutine<unknown[]> {
  const results: unknown[] = [];
  let next = 0;
  function* lane(): Coroutine<void> {
    while (next < 10) {
      const i = next++;
      results[i] = yield* sleep(1, i);
    }
  }
  yield* gather(lane(), lane(), lane());
  return results;
}
