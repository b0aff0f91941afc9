/**
 * The five snippets of `06-stall-the-ticker`, as the notebook shows them, and
 * a measurement of each: a 10 ms timer ticks while the snippet runs, and the
 * longest gap between ticks says whether the JavaScript thread was held.
 *
 * @module
 */
import { measureTimerLag, startSlowServer, WorkerPool } from "@course/lib";

/** How long each snippet waits or works, ms. */
export const SNIPPET_MS = 400;

/** A gap between ticks this long means the thread was held (half of a snippet). */
const STALL_MS = SNIPPET_MS / 2;

/** Sleeps on the calling thread itself: a blocking system call (a futex wait). */
const blockThread = (ms: number) =>
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** What the snippets need: a slow server and a Worker. */
interface Setting {
  url: string;
  pool: WorkerPool;
}

/** The snippets, by the key the learner's `stalls` uses. */
export const SNIPPETS: Record<string, (s: Setting) => Promise<unknown>> = {
  // await new Promise((resolve) => setTimeout(resolve, 400));
  timer: () => new Promise((resolve) => setTimeout(resolve, SNIPPET_MS)),
  // await (await fetch(slowServer)).text(); // the server answers after 400 ms
  fetch: async ({ url }) => await (await fetch(url)).text(),
  // Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400); // sleeps 400 ms
  atomicsWait: () => Promise.resolve(blockThread(SNIPPET_MS)),
  // async function busy() { const end = performance.now() + 400; while (performance.now() < end); }
  // await busy();
  // deno-lint-ignore require-await -- the point: an async function that never awaits
  asyncBusy: async () => {
    const end = performance.now() + SNIPPET_MS;
    while (performance.now() < end) { /* computing */ }
  },
  // await pool.run((ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms), 400);
  worker: ({ pool }) =>
    pool.run(
      (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
      SNIPPET_MS,
    ),
};

/**
 * Runs every snippet under a 10 ms ticker and says which held the thread.
 * A gap near the threshold (a busy machine) is measured again, up to three times.
 *
 * @returns For each snippet, whether the ticker stalled while it ran.
 */
export async function measureStalls(): Promise<Record<string, boolean>> {
  await using server = startSlowServer({ delayMs: SNIPPET_MS });
  await using pool = new WorkerPool(1);
  await pool.run((n: number) => n, 0); // the Worker starts before any measurement
  const result: Record<string, boolean> = {};
  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { lagMs } = await measureTimerLag(() => snippet({ url: server.url, pool }));
      const gap = lagMs + 10;
      result[name] = gap >= STALL_MS;
      if (gap < STALL_MS * 0.5 || gap > STALL_MS * 1.5) break; // clear either way
    }
  }
  return result;
}
