/**
 * The reference of `10-mini-io`: readiness polled before each turn of the
 * stage-1 callback loop (what a selector does for asyncio's `add_reader`).
 *
 * @module
 */
import type { IoFunctions } from "./echo_session.ts";
import type { CallbackLoop, PipeEnd } from "./pipes.ts";

type IoLoop = CallbackLoop & { readers: Map<PipeEnd, () => void> };

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
  addReader: (loop, sock, callback) => void (loop as IoLoop).readers.set(sock, callback),
  removeReader: (loop, sock) => void (loop as IoLoop).readers.delete(sock),
  runIoOnce(loop) {
    for (const [sock, callback] of (loop as IoLoop).readers) {
      if (sock.readable) loop.ready.push(callback);
    }
    return runCallbacksOnce(loop);
  },
};
