/**
 * The two readiness events a selector knows, as in Python's `selectors` module.
 *
 * @module
 */
import type { Selectable } from "./types.ts";

/** Readable: `recv`/`accept` would not block (Python's `selectors.EVENT_READ`). */
export const EVENT_READ = 1;
/** Writable: `send` would not block (Python's `selectors.EVENT_WRITE`). */
export const EVENT_WRITE = 2;

/**
 * Which of `events` `fileobj` is ready for now, as a bit mask.
 *
 * @param fileobj The socket to look at.
 * @param events `EVENT_READ`, `EVENT_WRITE` or both (`EVENT_READ | EVENT_WRITE`).
 * @returns The subset of `events` that is ready, 0 if none.
 * @example
 * ```ts
 * import { EVENT_READ, listenTcp, readyEvents } from "@course/lib";
 * const listener = listenTcp(0);
 * console.log(readyEvents(listener, EVENT_READ)); // 0: nobody is connecting
 * listener.close();
 * await listener.waitClosed();
 * ```
 */
export function readyEvents(fileobj: Selectable, events: number): number {
  let mask = 0;
  if (events & EVENT_READ && fileobj.readable) mask |= EVENT_READ;
  if (events & EVENT_WRITE && fileobj.writable) mask |= EVENT_WRITE;
  return mask;
}
