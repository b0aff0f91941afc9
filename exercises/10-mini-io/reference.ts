/**
 * The reference of `10-mini-io`: readers kept in the course's `Selector`, and
 * a turn that waits with the selector (until a socket is ready, or no longer
 * than the first timer) before a turn of the stage-1 loop, as asyncio's
 * `add_reader` and `_run_once` do.
 *
 * @module
 */
import { type CallbackLoop, EVENT_READ, type IoFunctions } from "@course/lib";

function runCallbacksOnce(loop: CallbackLoop): boolean {
  if (loop.ready.length === 0) {
    if (loop.timers.length === 0) return false;
    loop.now = Math.max(loop.now, loop.timers[0].when);
  }
  while (loop.timers.length > 0 && loop.timers[0].when <= loop.now) {
    loop.ready.push(loop.timers.shift()!.callback);
  }
  for (const callback of loop.ready.splice(0)) callback();
  return true;
}

/** The reference functions. */
export const reference: IoFunctions = {
  addReader: (loop, sock, callback) => void loop.selector.register(sock, EVENT_READ, callback),
  removeReader: (loop, sock) => void loop.selector.unregister(sock),
  async runIoOnce(loop) {
    loop.now = performance.now() / 1000;
    let timeout: number | null = null;
    if (loop.ready.length > 0) timeout = 0;
    else if (loop.timers.length > 0) timeout = Math.max(0, loop.timers[0].when - loop.now);
    else if (loop.selector.getMap().size === 0) return false;
    for (const [key] of await loop.selector.wait(timeout)) loop.ready.push(key.data);
    loop.now = performance.now() / 1000;
    return runCallbacksOnce(loop);
  },
};
