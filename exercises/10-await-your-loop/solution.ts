// A thenable: `await` calls its then(resolve), and we make the loop call resolve at the deadline.
function sleepOn(loop: CallbackLoop, seconds: number): { then(resolve: () => void): void } {
  return {
    then(resolve) {
      const when = loop.now + seconds;
      const i = loop.timers.findIndex((t) => t.when > when); // after equal times: keep their order
      loop.timers.splice(i === -1 ? loop.timers.length : i, 0, { when, callback: () => resolve() });
    },
  };
}

// Calls main, then turns the loop until main's promise has settled.
async function runAsync<T>(loop: CallbackLoop, main: () => Promise<T>): Promise<T> {
  // Handle main's outcome at once: a rejection nobody handles yet would be reported as uncaught.
  let outcome: { value: T } | { error: unknown } | undefined;
  main().then((value) => (outcome = { value }), (error) => (outcome = { error }));
  while (!outcome) {
    // A macrotask hop: JavaScript runs every pending microtask, the continuations of `await`.
    await new Promise((next) => setTimeout(next, 0));
    if (!outcome && !runCallbacksOnce(loop)) {
      throw new Error("main waits for something the loop will never do");
    }
  }
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}
