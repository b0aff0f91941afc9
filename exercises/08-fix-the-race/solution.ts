import { type Coroutine, type Lock, sleep } from "@course/lib";

// Add one visit to the shared counter. Saving takes a second (the sleep), and
// other tasks run meanwhile: hold the lock from the read to the write.
function* addVisit(counter: { visits: number }, lock: Lock): Coroutine<void> {
  using _held = yield* lock.hold(); // released when the function ends, even by an error
  const seen = counter.visits;
  yield* sleep(1); // saving to a slow database
  counter.visits = seen + 1;
}
