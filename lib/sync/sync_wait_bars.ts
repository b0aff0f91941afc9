/**
 * `syncWaitBars`: the waits on locks, semaphores, events, conditions and
 * queues from a loop trace, as timeline bars.
 *
 * @module
 */
import type { TraceEvent } from "../loop/trace.ts";
import type { TimelineBar } from "../chart/timeline_bar.ts";

/**
 * One `sync-wait` start/end pair of a loop trace as a bar: the task's lane,
 * kind `"wait"`, labelled with the primitive and operation (`Queue-1 put`).
 * Draw them with `timeline({ bars })`, alone or beside bars of your own.
 *
 * @param trace A loop trace (`loop.trace()`, from `new EventLoop({ trace: true })`).
 * @returns A bar per finished wait, in the order the waits ended.
 * @example
 * ```ts
 * import { EventLoop, Lock, sleep, syncWaitBars } from "@course/lib";
 * const loop = new EventLoop({ clock: "virtual", trace: true });
 * const lock = new Lock();
 * function* holder() {
 *   using _held = yield* lock.hold();
 *   yield* sleep(2);
 * }
 * loop.createTask(holder(), { name: "first" });
 * await loop.runUntilComplete(loop.createTask(holder(), { name: "second" }));
 * const [bar] = syncWaitBars(loop.trace());
 * console.log(bar.lane, bar.start, bar.end); // second 0 2
 * ```
 */
export function syncWaitBars(trace: readonly TraceEvent[]): TimelineBar[] {
  const open = new Map<number, { start: number; label: string }>();
  const bars: TimelineBar[] = [];
  for (const event of trace) {
    if (event.kind !== "sync-wait") continue;
    if (event.phase === "start") {
      open.set(event.taskId, { start: event.loopTime, label: event.primitive });
    } else {
      const begun = open.get(event.taskId);
      if (begun === undefined) continue; // the trace was cleared in the middle of the wait
      open.delete(event.taskId);
      bars.push({
        lane: event.task,
        kind: "wait",
        start: begun.start,
        end: event.loopTime,
        label: begun.label,
      });
    }
  }
  return bars;
}
