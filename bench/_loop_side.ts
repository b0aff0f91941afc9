/**
 * The Deno side of `deno task bench loop`: runs one row of the benchmark on
 * this course's loop (`ours`, `ours-traced`) or on native Deno (`native`) and
 * prints one JSON object. bench/loop.ts spawns one process per measurement so
 * that heaps and memory peaks never mix.
 *
 * Usage: deno run -A bench/_loop_side.ts <side> <row> [repeats]
 *
 * @module
 */
import { type Coroutine, EventLoop, gather, Lock, Queue, sleep } from "@course/lib";

/** One measurement: elapsed seconds and operations, or memory peaks. */
export interface Measurement {
  /** Wall-clock seconds for the whole row. */
  seconds?: number;
  /** How many operations (callbacks, switches, tasks) the row ran. */
  ops: number;
  /** Peak resident memory (VmHWM) in bytes. */
  peakBytes?: number;
  /** Resident memory before the row started. */
  baselineBytes?: number;
}

function procStatusBytes(field: "VmHWM" | "VmRSS"): number {
  const line = Deno.readTextFileSync("/proc/self/status").split("\n")
    .find((l) => l.startsWith(field + ":"));
  if (!line) throw new Error(`no ${field} in /proc/self/status`);
  return Number(line.split(/\s+/)[1]) * 1024;
}

// ------------------------------------------------------------------ ours

async function oursCallbacks(trace: boolean, n = 1_000_000): Promise<Measurement> {
  const loop = new EventLoop({ clock: "virtual", trace });
  const done = loop.createFuture<void>();
  let count = 0;
  const step = () => {
    if (++count < n) loop.callSoon(step);
    else done.setResult();
  };
  const start = performance.now();
  loop.callSoon(step);
  await loop.runUntilComplete(done);
  const seconds = (performance.now() - start) / 1000;
  loop.close();
  return { seconds, ops: n };
}

async function oursSwitches(trace: boolean, tasks = 100, each = 10_000): Promise<Measurement> {
  const loop = new EventLoop({ clock: "virtual", trace });
  function* worker(): Coroutine<void> {
    for (let i = 0; i < each; i++) yield* sleep(0);
  }
  function* main(): Coroutine<void> {
    yield* gather(Array.from({ length: tasks }, () => worker()));
  }
  const start = performance.now();
  await loop.runUntilComplete(main());
  const seconds = (performance.now() - start) / 1000;
  loop.close();
  return { seconds, ops: tasks * each };
}

async function oursSleepers(
  trace: boolean,
  clock: "real" | "virtual",
  n = 100_000,
  seconds = 0.1,
): Promise<Measurement> {
  const loop = new EventLoop({ clock, trace });
  function* main(): Coroutine<void> {
    yield* gather(Array.from({ length: n }, () => sleep(seconds)));
  }
  const start = performance.now();
  await loop.runUntilComplete(main());
  const elapsed = (performance.now() - start) / 1000;
  loop.close();
  return { seconds: elapsed, ops: n };
}

async function oursMemory(trace: boolean, n = 1_000_000): Promise<Measurement> {
  const baselineBytes = procStatusBytes("VmRSS");
  const loop = new EventLoop({ clock: "virtual", trace });
  const gate = loop.createFuture<void>();
  function* parked(): Coroutine<void> {
    yield* gate;
  }
  let peakBytes = 0;
  function* main(): Coroutine<void> {
    const tasks = Array.from({ length: n }, () => loop.createTask(parked()));
    yield* sleep(0); // every task runs its first step and parks on the gate
    peakBytes = procStatusBytes("VmHWM");
    gate.setResult();
    yield* gather(tasks);
  }
  await loop.runUntilComplete(main());
  loop.close();
  return { peakBytes, baselineBytes, ops: n };
}

/** Queue put/get pairs: producers and consumers through a small bounded queue (both sides wait). */
async function oursQueue(
  trace: boolean,
  producers = 10,
  consumers = 10,
  items = 20_000,
  maxsize = 10,
): Promise<Measurement> {
  const loop = new EventLoop({ clock: "virtual", trace });
  const queue = new Queue<number>({ maxsize });
  let got = 0;
  function* producer(): Coroutine<void> {
    for (let i = 0; i < items; i++) yield* queue.put(i);
  }
  function* consumer(): Coroutine<void> {
    for (;;) {
      yield* queue.get();
      got++;
      queue.taskDone();
    }
  }
  function* main(): Coroutine<void> {
    const workers = Array.from({ length: consumers }, () => loop.createTask(consumer()));
    yield* gather(Array.from({ length: producers }, () => producer()));
    yield* queue.join();
    for (const w of workers) w.cancel();
  }
  const start = performance.now();
  await loop.runUntilComplete(main());
  const seconds = (performance.now() - start) / 1000;
  loop.close();
  if (got !== producers * items) throw new Error(`queue row lost items: ${got}`);
  return { seconds, ops: producers * items };
}

/** Lock acquire/release under contention: 100 tasks, each holding the lock across a sleep(0). */
async function oursLock(trace: boolean, tasks = 100, each = 1_000): Promise<Measurement> {
  const loop = new EventLoop({ clock: "virtual", trace });
  const lock = new Lock();
  let counter = 0;
  function* worker(): Coroutine<void> {
    for (let i = 0; i < each; i++) {
      yield* lock.acquire();
      try {
        const seen = counter;
        yield* sleep(0); // hold the lock across a wait: the others queue up
        counter = seen + 1;
      } finally {
        lock.release();
      }
    }
  }
  function* main(): Coroutine<void> {
    yield* gather(Array.from({ length: tasks }, () => worker()));
  }
  const start = performance.now();
  await loop.runUntilComplete(main());
  const seconds = (performance.now() - start) / 1000;
  loop.close();
  if (counter !== tasks * each) throw new Error(`lock row lost updates: ${counter}`);
  return { seconds, ops: tasks * each };
}

// ---------------------------------------------------------------- native

async function nativeCallbacks(n = 1_000_000): Promise<Measurement> {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let count = 0;
    const step = () => {
      if (++count < n) queueMicrotask(step);
      else resolve();
    };
    queueMicrotask(step);
  });
  return { seconds: (performance.now() - start) / 1000, ops: n };
}

async function nativeSwitches(tasks = 100, each = 10_000): Promise<Measurement> {
  async function worker() {
    for (let i = 0; i < each; i++) await null;
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, () => worker()));
  return { seconds: (performance.now() - start) / 1000, ops: tasks * each };
}

async function nativeSleepers(n = 100_000, seconds = 0.1): Promise<Measurement> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: n }, () => new Promise((r) => setTimeout(r, seconds * 1000))),
  );
  return { seconds: (performance.now() - start) / 1000, ops: n };
}

async function nativeMemory(n = 1_000_000): Promise<Measurement> {
  const baselineBytes = procStatusBytes("VmRSS");
  let open!: () => void;
  const gate = new Promise<void>((resolve) => open = resolve);
  async function parked() {
    await gate;
  }
  const all = Array.from({ length: n }, () => parked());
  await null;
  const peakBytes = procStatusBytes("VmHWM");
  open();
  await Promise.all(all);
  return { peakBytes, baselineBytes, ops: n };
}

/** Every (side, row) this script can measure. */
export const SIDES: Record<string, Record<string, () => Promise<Measurement>>> = {
  ours: {
    callbacks: () => oursCallbacks(false),
    switches: () => oursSwitches(false),
    sleepers: () => oursSleepers(false, "real"),
    "sleepers-virtual": () => oursSleepers(false, "virtual"),
    memory: () => oursMemory(false),
    queue: () => oursQueue(false),
    lock: () => oursLock(false),
  },
  "ours-traced": {
    callbacks: () => oursCallbacks(true),
    switches: () => oursSwitches(true),
    sleepers: () => oursSleepers(true, "real"),
    "sleepers-virtual": () => oursSleepers(true, "virtual"),
    memory: () => oursMemory(true),
    queue: () => oursQueue(true),
    lock: () => oursLock(true),
  },
  native: {
    callbacks: nativeCallbacks,
    switches: nativeSwitches,
    sleepers: nativeSleepers,
    memory: nativeMemory,
  },
};

if (import.meta.main) {
  const [side, row, repeats = "1"] = Deno.args;
  const run = SIDES[side]?.[row];
  if (!run) {
    console.error(`unknown side/row: ${side} ${row}`);
    Deno.exit(2);
  }
  let best: Measurement | null = null;
  for (let i = 0; i < Number(repeats); i++) {
    const result = await run();
    if (best === null || (result.seconds ?? 0) < (best.seconds ?? 0)) best = result;
  }
  console.log(JSON.stringify(best));
}
