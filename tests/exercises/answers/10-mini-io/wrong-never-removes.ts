// Never removes a reader.
import { EVENT_READ, type Selectable, type Selector } from "@course/lib";

// Your stage-1 loop, with a selector that keeps each reader's callback as its key's data.
type IoLoop = CallbackLoop & { selector: Selector<() => void> };

function addReader(loop: IoLoop, sock: Selectable, callback: () => void): void {
  loop.selector.register(sock, EVENT_READ, callback);
}

function removeReader(loop: IoLoop, sock: Selectable): void {
  // forgets to forget: a closed socket stays readable forever
}

// One turn: wait with the selector (not at all if something is ready, no longer than the first
// timer, as long as it takes if only sockets are left), queue the ready sockets' callbacks,
// then a stage-1 turn runs them with the due timers.
async function runIoOnce(loop: IoLoop): Promise<boolean> {
  loop.now = performance.now() / 1000;
  let timeout: number | null = null;
  if (loop.ready.length > 0) timeout = 0;
  else if (loop.timers.length > 0) timeout = Math.max(0, loop.timers[0].when - loop.now);
  else if (loop.selector.getMap().size === 0) return false; // nothing can ever happen again
  for (const [key] of await loop.selector.wait(timeout)) loop.ready.push(key.data);
  loop.now = performance.now() / 1000;
  return runCallbacksOnce(loop);
}
