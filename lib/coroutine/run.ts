/**
 * `run`: asyncio's `run`, the usual way into the teaching loop.
 *
 * @module
 */
import { EventLoop, type EventLoopOptions } from "../loop/event_loop.ts";
import { RuntimeError } from "../loop/errors.ts";
import { _peekRunningLoop } from "../loop/running.ts";
import { allTasks } from "./all_tasks.ts";
import { type Coroutine, isCoroutine } from "./coroutine.ts";
import { gather } from "./gather.ts";

/**
 * Runs a coroutine on a new event loop until it returns, then cancels the tasks
 * still pending, lets them finish, and closes the loop, as Python's
 * `asyncio.run(main())` does.
 *
 * @param main The coroutine object (call the generator function: `run(main())`).
 * @param options The loop's clock (real by default) and trace.
 * @returns What `main` returns; what it throws is thrown.
 * @throws {RuntimeError} When a loop is running already (use `yield*` there).
 * @throws {TypeError} When `main` is not a coroutine object. asyncio raises ValueError there;
 *   the course keeps JavaScript's error for a value of the wrong type, on purpose.
 * @example
 * ```ts
 * import { gather, run, sleep } from "@course/lib";
 * function* main() {
 *   return yield* gather(sleep(2, "tea"), sleep(3, "toast"));
 * }
 * console.log(await run(main(), { clock: "virtual" })); // [ "tea", "toast" ]
 * ```
 */
export async function run<T>(main: Coroutine<T>, options: EventLoopOptions = {}): Promise<T> {
  if (_peekRunningLoop() !== null) {
    throw new RuntimeError("run() cannot be called while an event loop is running: use yield*");
  }
  if (!isCoroutine(main)) {
    throw new TypeError("run() needs a coroutine object: call the generator function, run(main())");
  }
  const loop = new EventLoop(options);
  try {
    return await loop.runUntilComplete(main);
  } finally {
    // Nothing of this program may run after run() returns: cancel what is left.
    const left = [...allTasks(loop)].filter((task) => !task.done());
    for (const task of left) task.cancel();
    if (left.length > 0) await loop.runUntilComplete(gather(left, { returnExceptions: true }));
    // A task that failed instead of stopping is reported, as asyncio.run() does.
    for (const task of left) {
      if (task.cancelled()) continue;
      const exception = task.exception();
      if (exception === null) continue;
      loop.callExceptionHandler({
        message: "unhandled exception during run() shutdown",
        exception,
        task,
      });
    }
    loop.close();
  }
}
