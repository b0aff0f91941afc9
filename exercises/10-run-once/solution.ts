interface Timer {
  when: number;
  callback: () => void;
}
interface CallbackLoop {
  now: number; // virtual seconds
  ready: (() => void)[]; // callbacks that can run now, first in, first out
  timers: Timer[]; // sorted by `when`; equal `when` in the order they were set
}

// One turn of the loop; false when there is nothing left to do.
function runCallbacksOnce(loop: CallbackLoop): boolean {
  if (loop.ready.length === 0) {
    if (loop.timers.length === 0) return false; // nothing left at all
    loop.now = Math.max(loop.now, loop.timers[0].when); // jump to the first deadline
  }
  while (loop.timers.length > 0 && loop.timers[0].when <= loop.now) {
    loop.ready.push(loop.timers.shift()!.callback); // due: behind what is already ready
  }
  for (const callback of loop.ready.splice(0)) callback(); // what they add waits a turn
  return true;
}
