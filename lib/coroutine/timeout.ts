/**
 * `timeout` and `timeoutAt`: a deadline for a block of code (asyncio 3.11).
 *
 * @module
 */
import type { Handle } from "../loop/handle.ts";
import { RuntimeError } from "../loop/errors.ts";
import { getRunningLoop } from "../loop/running.ts";
import { type Coroutine, isCoroutine } from "./coroutine.ts";
import { CancelledError, TimeoutError } from "./errors.ts";
import type { Task } from "./task.ts";
import { ValueError } from "./value_error.ts";

type TimeoutState = "created" | "active" | "expiring" | "expired" | "finished";

/** What {@link Timeout.run} runs: a coroutine, or a generator function given the Timeout. */
export type TimeoutBody<R> = Coroutine<R> | ((timeout: Timeout) => Coroutine<R>);

/**
 * asyncio's `Timeout`, made by {@link timeout} and {@link timeoutAt}. When the
 * deadline passes, the task running the block is cancelled; the block
 * unwinds (its `finally`s run) and `run` throws {@link TimeoutError}. The
 * deadline can be moved while the block runs (`reschedule`), and `expired()`
 * says afterwards whether it fired.
 *
 * Unlike `waitFor`, nothing new is created: the block runs in the calling
 * task, and the deadline covers every wait in it. asyncio spells the block
 * `async with asyncio.timeout(2) as cm:`; here it is
 * `yield* timeout(2).run(function* (cm) { ... })`.
 *
 * @example
 * ```ts
 * import { run, sleep, timeout, TimeoutError } from "@course/lib";
 * function* main() {
 *   const deadline = timeout(5);
 *   try {
 *     yield* deadline.run(function* (cm) {
 *       yield* sleep(3);
 *       cm.reschedule(cm.when()! + 5); // more time: now due at second 10
 *       yield* sleep(60);
 *     });
 *   } catch (error) {
 *     return [error instanceof TimeoutError, deadline.expired(), deadline.when()];
 *   }
 * }
 * console.log(await run(main(), { clock: "virtual" })); // [ true, true, 10 ]
 * ```
 */
export class Timeout {
  #state: TimeoutState = "created";
  #when: number | null;
  #handle: Handle | null = null;
  #task: Task<unknown> | null = null;
  #cancelling = 0;

  /**
   * Prefer {@link timeout} or {@link timeoutAt}.
   * @param when A deadline in loop time (`loop.time()` seconds), or `null` for none.
   */
  constructor(when: number | null) {
    if (when !== null && (typeof when !== "number" || Number.isNaN(when))) {
      throw new TypeError(`a deadline must be a number of seconds or null, got ${String(when)}`);
    }
    this.#when = when;
  }

  /**
   * The deadline in loop time, or `null`.
   * @returns The deadline.
   */
  when(): number | null {
    return this.#when;
  }

  /**
   * Moves the deadline (`null`: no deadline), while the block runs.
   * @param when The new deadline in loop time.
   * @throws {RuntimeError} Before the block starts, or after it expired or finished.
   */
  reschedule(when: number | null): void {
    if (this.#state !== "active") {
      throw new RuntimeError(
        this.#state === "created"
          ? "the Timeout has not been entered: reschedule it inside run()"
          : `cannot change the deadline of a ${this.#state} Timeout`,
      );
    }
    this.#when = when;
    this.#handle?.cancel();
    if (when === null) {
      this.#handle = null;
    } else {
      const loop = getRunningLoop();
      this.#handle = when <= loop.time()
        ? loop.callSoon(this.#onTimeout)
        : loop.callAt(when, this.#onTimeout);
    }
  }

  /**
   * Whether the deadline passed (and cancelled the block).
   * @returns `true` once it fired.
   */
  expired(): boolean {
    return this.#state === "expiring" || this.#state === "expired";
  }

  /**
   * Runs `body` under the deadline.
   * @param body A coroutine, or a generator function given this Timeout.
   * @returns A coroutine returning what `body` returns.
   * @throws {TimeoutError} If the deadline passed first.
   */
  *run<R>(body: TimeoutBody<R>): Coroutine<R> {
    const coro = isCoroutine(body) ? body : body(this);
    this.enter();
    let result: R;
    try {
      result = yield* coro;
    } catch (error) {
      this.exit(true, error);
      throw error;
    }
    this.exit(false);
    return result;
  }

  /**
   * asyncio's `__aenter__`, for code that manages the block by hand; prefer {@link run}.
   * @throws {RuntimeError} If entered twice or outside a task.
   */
  enter(): void {
    if (this.#state !== "created") throw new RuntimeError("the Timeout has already been entered");
    const task = getRunningLoop()._currentTask;
    if (task === null) throw new RuntimeError("a Timeout must be used inside a task");
    this.#state = "active";
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.reschedule(this.#when);
  }

  /**
   * asyncio's `__aexit__`: turns our own cancellation into {@link TimeoutError}.
   * @param failed Whether the block threw.
   * @param error What it threw.
   * @throws {TimeoutError} If the deadline cancelled the block.
   */
  exit(failed: boolean, error?: unknown): void {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === "expiring") {
      this.#state = "expired";
      // Only our cancel is pending: the CancelledError is ours to turn into a timeout.
      if (this.#task!.uncancel() <= this.#cancelling && failed && error instanceof CancelledError) {
        throw new TimeoutError("the timeout expired", { cause: error });
      }
    } else if (this.#state === "active") {
      this.#state = "finished";
    }
  }

  /** As asyncio's repr: `<Timeout [active] when=5>`, `<Timeout [expired]>`. */
  toString(): string {
    // asyncio's repr: the deadline only while active (`when=null`: no deadline)
    const when = this.#state === "active" ? ` when=${this.#when}` : "";
    return `<Timeout [${this.#state}]${when}>`;
  }

  #onTimeout = (): void => {
    this.#task!.cancel();
    this.#state = "expiring";
    this.#handle = null;
  };
}

/**
 * A deadline `delay` seconds from now (`null`: none), asyncio's `timeout(delay)`.
 *
 * @param delay Seconds from now, or `null`.
 * @returns A {@link Timeout}: `yield* timeout(2).run(body)`.
 * @throws {ValueError} For NaN; TypeError if not a number.
 * @example
 * ```ts
 * import { run, sleep, timeout } from "@course/lib";
 * function* main() {
 *   return yield* timeout(5).run(sleep(1, "in time"));
 * }
 * console.log(await run(main(), { clock: "virtual" })); // "in time"
 * ```
 */
export function timeout(delay: number | null): Timeout {
  if (delay === null) return new Timeout(null);
  checkSeconds(delay, "timeout(delay)");
  return new Timeout(getRunningLoop().time() + delay);
}

/**
 * A deadline at loop time `when` (`null`: none), asyncio's `timeout_at(when)`.
 *
 * @param when A deadline in loop time (`loop.time()` seconds).
 * @returns A {@link Timeout}.
 * @example
 * ```ts
 * import { getRunningLoop, run, sleep, timeoutAt, TimeoutError } from "@course/lib";
 * function* main() {
 *   const deadline = getRunningLoop().time() + 2;
 *   try {
 *     yield* timeoutAt(deadline).run(sleep(10));
 *   } catch (error) {
 *     return error instanceof TimeoutError;
 *   }
 * }
 * console.log(await run(main(), { clock: "virtual" })); // true
 * ```
 */
export function timeoutAt(when: number | null): Timeout {
  if (when !== null) checkSeconds(when, "timeoutAt(when)");
  return new Timeout(when);
}

function checkSeconds(value: unknown, what: string): void {
  if (typeof value !== "number") {
    throw new TypeError(`${what} needs a number of seconds or null, got ${String(value)}`);
  }
  if (Number.isNaN(value)) throw new ValueError(`${what} got NaN: give a number of seconds`);
}
