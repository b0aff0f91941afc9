/**
 * The programs of `01-starve-the-timers`, run for real with a safety cap: a
 * polling loop waits for a flag that only a 5 ms timer sets. Where the loop
 * never lets a timer run it would spin forever, so it stops itself after a
 * cap, and only what happened before the cap counts.
 *
 * @module
 */

/** Iterations of a microtask loop before it gives up (timers cannot run meanwhile). */
const MICROTASK_CAP = 100_000;
/** Wall time a macrotask loop may take before it gives up, ms. */
const MACROTASK_CAP_MS = 1000;

/** How the polling loop schedules its next check. */
export type Poller = "queueMicrotask" | "awaitNull" | "setTimeout0" | "messageChannel";

/**
 * Runs the notebook's program with one way of polling:
 *
 * ```ts
 * setTimeout(() => log("A"), 0);
 * let stop = false;
 * setTimeout(() => { stop = true; log("B"); }, 5);
 * poll(); // checks `stop`, and if it is false, schedules itself again
 * Promise.resolve().then(() => log("C"));
 * queueMicrotask(() => log("D"));
 * ```
 *
 * @param poller How `poll` schedules itself.
 * @returns The letters logged before the loop ended or hit its cap.
 */
export async function runProgram(poller: Poller): Promise<string[]> {
  const seen: string[] = [];
  let capped = false;
  const log = (letter: string) => {
    if (!capped) seen.push(letter);
  };
  let stop = false;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => done = resolve);
  const started = performance.now();
  let polls = 0;
  const giveUp = () => {
    const over = poller === "queueMicrotask" || poller === "awaitNull"
      ? ++polls >= MICROTASK_CAP
      : performance.now() - started >= MACROTASK_CAP_MS;
    if (over) capped = true;
    return over;
  };
  const channel = new MessageChannel();
  const timers = [
    setTimeout(() => log("A"), 0),
    setTimeout(() => {
      stop = true;
      log("B");
    }, 5),
  ];
  const poll = (): void => {
    if (stop || giveUp()) return done();
    if (poller === "queueMicrotask") queueMicrotask(poll);
    else if (poller === "setTimeout0") setTimeout(poll, 0);
    else channel.port2.postMessage(null);
  };
  channel.port1.onmessage = poll;
  if (poller === "awaitNull") {
    (async () => {
      while (!stop && !giveUp()) await null;
      done();
    })();
  } else {
    poll();
  }
  Promise.resolve().then(() => log("C"));
  queueMicrotask(() => log("D"));
  await finished;
  channel.port1.close();
  // Let the timers fire (after the cap they no longer count), so none is left behind.
  await new Promise((resolve) => setTimeout(resolve, 10));
  timers.forEach(clearTimeout);
  return seen;
}

/**
 * Which letters print in the `queueMicrotask` program.
 *
 * @returns For A to D, whether it prints.
 */
export async function printedLetters(): Promise<Record<string, boolean>> {
  const seen = await runProgram("queueMicrotask");
  return Object.fromEntries(["A", "B", "C", "D"].map((l) => [l, seen.includes(l)]));
}

/**
 * For each way of polling, whether the 5 ms timer B never gets to run.
 *
 * @returns By poller, true when B starved.
 */
export async function starvation(): Promise<Record<Poller, boolean>> {
  const result = {} as Record<Poller, boolean>;
  for (const poller of ["queueMicrotask", "awaitNull", "setTimeout0", "messageChannel"] as const) {
    result[poller] = !(await runProgram(poller)).includes("B");
  }
  return result;
}
