/**
 * The loop's two clocks. The real one reads `performance.now()`; the virtual
 * one stands still until the loop moves it to the next timer's deadline, so a
 * program that sleeps for an hour finishes at once, and always the same way.
 *
 * @module
 */

/** Which clock a loop runs on. */
export type ClockKind = "virtual" | "real";

/**
 * A source of loop time in seconds, starting at 0 when the loop is made.
 *
 * @example
 * ```ts
 * import { VirtualClock } from "@course/lib/loop/clock.ts";
 * const clock = new VirtualClock();
 * clock.advanceTo(3600);
 * console.log(clock.now()); // 3600
 * ```
 */
export interface Clock {
  /** `"real"` or `"virtual"`. */
  readonly kind: ClockKind;
  /** The current loop time in seconds. */
  now(): number;
}

/**
 * Real time: seconds since the clock was made, from `performance.now()`.
 *
 * @example
 * ```ts
 * import { RealClock } from "@course/lib/loop/clock.ts";
 * console.log(new RealClock().now() >= 0); // true
 * ```
 */
export class RealClock implements Clock {
  /** Always `"real"`. */
  readonly kind = "real";
  /** `performance.now()` in milliseconds when the clock was made. */
  readonly originMs: number;

  /** @param originMs The `performance.now()` reading that is time 0. */
  constructor(originMs: number = performance.now()) {
    this.originMs = originMs;
  }

  /**
   * Seconds since the clock was made.
   *
   * @returns Elapsed real seconds.
   * @example
   * ```ts
   * import { RealClock } from "@course/lib/loop/clock.ts";
   * console.log(typeof new RealClock().now()); // "number"
   * ```
   */
  now(): number {
    return (performance.now() - this.originMs) / 1000;
  }
}

/**
 * Simulated time that only the loop moves, by jumping to the next deadline.
 *
 * @example
 * ```ts
 * import { VirtualClock } from "@course/lib/loop/clock.ts";
 * const clock = new VirtualClock();
 * console.log(clock.now()); // 0
 * ```
 */
export class VirtualClock implements Clock {
  /** Always `"virtual"`. */
  readonly kind = "virtual";
  #seconds = 0;

  /**
   * The current simulated time.
   *
   * @returns Simulated seconds since the loop was made.
   * @example
   * ```ts
   * import { VirtualClock } from "@course/lib/loop/clock.ts";
   * console.log(new VirtualClock().now()); // 0
   * ```
   */
  now(): number {
    return this.#seconds;
  }

  /**
   * Moves time forward (never backward).
   *
   * @param seconds The new time.
   * @example
   * ```ts
   * import { VirtualClock } from "@course/lib/loop/clock.ts";
   * const clock = new VirtualClock();
   * clock.advanceTo(2);
   * console.log(clock.now()); // 2
   * ```
   */
  advanceTo(seconds: number): void {
    if (seconds > this.#seconds) this.#seconds = seconds;
  }
}
