/**
 * `Barrier`: wait until N tasks have arrived, then let them all go.
 *
 * @module
 */
import type { Coroutine } from "../coroutine/coroutine.ts";
import { ValueError } from "../coroutine/value_error.ts";
import { Condition } from "./condition.ts";
import { BrokenBarrierError } from "./errors.ts";

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * asyncio's `Barrier`: each of `parties` tasks calls `wait()`; the last to
 * arrive releases them all, and the barrier can be used again. `wait()`
 * returns the arrival index (0 for the first to arrive). `abort()` breaks it
 * and `reset()` sends the waiting tasks away with {@link BrokenBarrierError}.
 *
 * @example
 * ```ts
 * import { Barrier, gather, run, sleep } from "@course/lib";
 * const start = new Barrier(3);
 * function* runner(seconds: number) {
 *   yield* sleep(seconds); // warming up
 *   yield* start.wait(); // everyone leaves together
 *   return "off";
 * }
 * await run((function* () {
 *   yield* gather(runner(1), runner(2), runner(3));
 * })(), { clock: "virtual" });
 * console.log(start.nWaiting); // 0
 * ```
 */
export class Barrier {
  #cond = new Condition();
  #parties: number;
  #state: BarrierState = "filling";
  #count = 0;

  /**
   * A barrier for `parties` tasks.
   * @param parties How many tasks must arrive.
   * @throws {ValueError} If fewer than 1.
   */
  constructor(parties: number) {
    if (typeof parties !== "number" || Number.isNaN(parties)) {
      throw new TypeError(`a barrier's parties must be a number, got ${String(parties)}`);
    }
    if (parties < 1) throw new ValueError(`a barrier needs parties >= 1, got ${parties}`);
    this.#parties = parties;
  }

  /**
   * Waits until `parties` tasks wait, then returns.
   * @returns A coroutine returning this task's arrival index.
   * @throws {BrokenBarrierError} If the barrier is aborted or reset meanwhile.
   */
  *wait(): Coroutine<number> {
    using _held = yield* this.#cond.hold();
    yield* this.#block();
    const index = this.#count++;
    try {
      if (index + 1 === this.#parties) this.#release();
      else yield* this.#wait();
      return index;
    } finally {
      this.#count--;
      this.#exit();
    }
  }

  /**
   * Sends every waiting task away with {@link BrokenBarrierError} and starts afresh.
   * @returns A coroutine.
   */
  *reset(): Coroutine<void> {
    using _held = yield* this.#cond.hold();
    if (this.#count > 0) this.#state = "resetting";
    else this.#state = "filling";
    this.#cond.notifyAll();
  }

  /**
   * Breaks the barrier: current and later `wait()`s throw {@link BrokenBarrierError}.
   * @returns A coroutine.
   */
  *abort(): Coroutine<void> {
    using _held = yield* this.#cond.hold();
    this.#state = "broken";
    this.#cond.notifyAll();
  }

  /** How many tasks must arrive. */
  get parties(): number {
    return this.#parties;
  }

  /** How many tasks wait now (0 while the barrier drains). */
  get nWaiting(): number {
    return this.#state === "filling" ? this.#count : 0;
  }

  /** Whether the barrier is broken. */
  get broken(): boolean {
    return this.#state === "broken";
  }

  /** E.g. `<Barrier filling, 1/3 waiting>`. */
  toString(): string {
    return `<Barrier ${this.#state}, ${this.nWaiting}/${this.#parties} waiting>`;
  }

  // Wait while the barrier drains or resets.
  *#block(): Coroutine<void> {
    yield* this.#cond.waitFor(() => this.#state !== "draining" && this.#state !== "resetting");
    if (this.#state === "broken") throw new BrokenBarrierError("the barrier was aborted");
  }

  #release(): void {
    this.#state = "draining";
    this.#cond.notifyAll();
  }

  *#wait(): Coroutine<void> {
    yield* this.#cond.waitFor(() => this.#state !== "filling");
    if (this.#state === "broken" || this.#state === "resetting") {
      throw new BrokenBarrierError("the barrier was aborted or reset");
    }
  }

  // The last task out lets the next round fill.
  #exit(): void {
    if (this.#count === 0) {
      if (this.#state === "resetting" || this.#state === "draining") this.#state = "filling";
      this.#cond.notifyAll();
    }
  }
}
