import { type Coroutine, Queue, QueueShutDown, taskGroup } from "@course/lib";

// Read items with `read()` until it returns null; process them with `workers` workers at a time,
// never reading more than `maxsize` items ahead of the workers. Results in the order read.
function* pipeline(
  read: () => Coroutine<number | null>,
  process: (item: number) => Coroutine<string>,
  workers: number,
  maxsize: number,
): Coroutine<string[]> {
  const queue = new Queue<[number, number]>({ maxsize });
  const results: string[] = [];
  function* worker(): Coroutine<void> {
    for (;;) {
      let index: number, item: number;
      try {
        [index, item] = yield* queue.get();
      } catch (error) {
        if (error instanceof QueueShutDown) return; // no more work
        throw error;
      }
      try {
        results[index] = yield* process(item);
      } finally {
        queue.taskDone();
      }
    }
  }
  yield* taskGroup(function* (tg) {
    for (let w = 0; w < workers; w++) tg.createTask(worker());
    let index = 0;
    for (let item = yield* read(); item !== null; item = yield* read()) {
      yield* queue.put([index++, item]); // waits while the queue is full: backpressure
    }
    yield* queue.join(); // every item processed
    queue.shutdown(); // the workers' next get() throws QueueShutDown
  });
  return results;
}
