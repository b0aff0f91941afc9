/**
 * Coordination between tasks of one loop, as asyncio's `asyncio.locks` and
 * `asyncio.queues`: `Lock`, `Event`, `Condition`, `Semaphore`,
 * `BoundedSemaphore`, `Barrier`, and the queues. All are fair (waiters are
 * served first come, first served) and cancellation-safe.
 *
 * @module
 */
export { Lock } from "./lock.ts";
export { Event } from "./event.ts";
export { Condition } from "./condition.ts";
export { BoundedSemaphore, Semaphore } from "./semaphore.ts";
export { Barrier } from "./barrier.ts";
export {
  LifoQueue,
  PriorityQueue,
  type PriorityQueueOptions,
  Queue,
  type QueueOptions,
} from "./queue.ts";
export { BrokenBarrierError, QueueEmpty, QueueFull, QueueShutDown } from "./errors.ts";
export { syncWaitBars } from "./sync_wait_bars.ts";
