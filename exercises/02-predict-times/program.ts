/**
 * The two programs whose times the learner predicts (the notebook shows the
 * same code), and a simulator that runs them on a pretend clock to find the
 * exact answer: waits take clock time but no CPU time, `busy` takes both, and
 * one thread means a computation delays everything that comes after it.
 *
 * @module
 */

/** What the programs do: wait for I/O (no CPU), or compute (busy the thread). */
export interface Io {
  /** Waits `ms` milliseconds without using the processor, like a request. */
  wait(ms: number): Promise<void>;
  /** Computes for `ms` milliseconds, holding the only thread. */
  busy(ms: number): void;
}

/** Three pages, one after another: wait for the page (200 ms), then format it (50 ms). */
export async function serial(io: Io): Promise<void> {
  for (let page = 0; page < 3; page++) {
    await io.wait(200);
    io.busy(50);
  }
}

/** The same three pages, all requested at once. */
export async function concurrent(io: Io): Promise<void> {
  await Promise.all([0, 1, 2].map(async () => {
    await io.wait(200);
    io.busy(50);
  }));
}

/**
 * Runs a program on a simulated clock and reports its wall and CPU time.
 * Timers fire one per turn, earliest first, and never before the thread is
 * free, as on a real event loop.
 *
 * @param program `serial` or `concurrent`.
 * @returns Simulated wall milliseconds and CPU milliseconds.
 */
export async function simulate(
  program: (io: Io) => Promise<void>,
): Promise<{ wallMs: number; cpuMs: number }> {
  let now = 0, cpu = 0, seq = 0, finished = false;
  const timers: { when: number; seq: number; fire: () => void }[] = [];
  const io: Io = {
    wait: (ms) => new Promise((fire) => timers.push({ when: now + ms, seq: seq++, fire })),
    busy: (ms) => {
      now += ms;
      cpu += ms;
    },
  };
  program(io).then(() => (finished = true));
  for (;;) {
    await new Promise((turn) => setTimeout(turn, 0)); // every pending continuation runs
    if (finished) return { wallMs: now, cpuMs: cpu };
    if (timers.length === 0) throw new Error("the program waits for something that never comes");
    timers.sort((a, b) => a.when - b.when || a.seq - b.seq);
    const timer = timers.shift()!;
    now = Math.max(now, timer.when); // a timer cannot fire while the thread is busy
    timer.fire();
  }
}
