/**
 * Helpers for the coordination tests, ported from CPython's test_asyncio: a
 * virtual-clock loop and `runBriefly`, CPython's `test_utils.run_briefly` (let
 * the ready tasks take a couple of steps).
 *
 * @module
 */
import { type Awaitable, type EventLoop, gather, sleep } from "@course/lib";
export { recordingLoop } from "../loop/_helpers.ts";

/** Lets the ready callbacks and tasks run a couple of turns, without moving the clock. */
export async function runBriefly(loop: EventLoop): Promise<void> {
  await loop.runUntilComplete(sleep(0));
}

/** Wraps a body in a generator, for `loop.runUntilComplete(co(function* () {...}))`. */
export function co<T>(body: () => Generator<unknown, T, unknown>): Generator<unknown, T, unknown> {
  return body();
}

/** `gather(...)` started inside the loop (gather needs a running loop), as a coroutine. */
export function* gathered<T>(...aws: Awaitable<T>[]): Generator<unknown, T[], unknown> {
  return (yield* gather(aws)) as T[];
}
