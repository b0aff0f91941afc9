import { type Coroutine, gather, sleep } from "@course/lib";

// Ten downloads of one second each, waiting at the same time: all done after 1 s.
function* waitAll(): Coroutine<unknown[]> {
  return yield* gather(...Array.from({ length: 10 }, (_, i) => sleep(1, i)));
}
