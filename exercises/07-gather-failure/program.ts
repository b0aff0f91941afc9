/**
 * The programs of `07-gather-failure`, run for real: three jobs, the middle
 * one fails. Once on the teaching loop with `gather` (virtual seconds), once
 * in plain JavaScript with `Promise.all` and `Promise.allSettled` (real
 * timers, milliseconds rounded to the nearest 100).
 *
 * @module
 */
import { type Coroutine, gather, getRunningLoop, runOnVirtualClock, sleep } from "@course/lib";

/** What one run showed: when the caller heard back, and whether job c still finished later. */
export interface Outcome {
  settledAt: number;
  cFinished: boolean;
}

/**
 * `gather(a, b, c)` on the virtual clock: a takes 1 s, b fails at 2 s, c takes 3 s.
 *
 * @param returnExceptions Pass `{ returnExceptions: true }` to gather.
 * @returns When gather returned or threw, and whether c finished by second 8.
 */
export async function teachingRun(returnExceptions: boolean): Promise<Outcome> {
  const run = await runOnVirtualClock(function* (): Coroutine<Outcome> {
    let cFinished = false;
    function* job(name: string, seconds: number, fails = false): Coroutine<string> {
      yield* sleep(seconds);
      if (fails) throw new Error(`${name} failed`);
      if (name === "c") cFinished = true;
      return name;
    }
    let settledAt = NaN;
    try {
      yield* gather([job("a", 1), job("b", 2, true), job("c", 3)], { returnExceptions });
    } catch {
      // the failure reached the caller
    }
    settledAt = getRunningLoop().time();
    yield* sleep(5); // the caller carries on; did c keep going?
    return { settledAt, cFinished };
  });
  return run.value as Outcome;
}

/**
 * The same three jobs as promises on real timers (100, 200 and 300 ms).
 *
 * @param combinator `Promise.all` or `Promise.allSettled`.
 * @returns When the combined promise settled (ms, rounded to 100) and whether c finished.
 */
export async function promiseRun(combinator: "all" | "allSettled"): Promise<Outcome> {
  let cFinished = false;
  const after = <T>(ms: number, then: () => T) =>
    new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(then());
        } catch (error) {
          reject(error);
        }
      }, ms)
    );
  const jobs = [
    after(100, () => "a"),
    after(200, () => {
      throw new Error("b failed");
    }),
    after(300, () => (cFinished = true, "c")),
  ];
  const start = performance.now();
  await (combinator === "all" ? Promise.all(jobs) : Promise.allSettled(jobs)).catch(() => {});
  const settledAt = Math.round((performance.now() - start) / 100) * 100;
  await Promise.allSettled(jobs); // let c end before this run returns
  return { settledAt, cFinished };
}
