import { type Awaitable, type Coroutine, Future, getRunningLoop } from "@course/lib";

// Wait for every awaitable and return their results in argument order.
function* myGather(...aws: Awaitable<unknown>[]): Coroutine<unknown[]> {
  const loop = getRunningLoop();
  // Start everything first: each coroutine becomes a task, scheduled at once.
  const futures = aws.map((aw) => (aw instanceof Future ? aw : loop.createTask(aw)));
  const results: unknown[] = [];
  // Waiting in argument order is fine: meanwhile the other tasks keep running.
  for (const future of futures) results.push(yield* future);
  return results;
}
