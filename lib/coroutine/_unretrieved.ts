/**
 * Reporting failed futures whose exception nobody ever looked at: when the
 * future is garbage collected (a FinalizationRegistry), or when its loop
 * closes (a sweep), whichever comes first. Private to the library.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { ExceptionContext } from "../loop/exception_handler.ts";
import type { Future } from "./future.ts";

interface PendingReport {
  loop: EventLoop;
  // Never the future itself: holding it would keep it from being collected.
  context: ExceptionContext;
  ref: WeakRef<Future<unknown>>;
}

const registry = new FinalizationRegistry<PendingReport>((report) => {
  report.loop._unretrieved.delete(report.ref);
  report.loop.callExceptionHandler(report.context);
});

function contextFor(future: Future<unknown>, exception: unknown): ExceptionContext {
  const name = future._taskName();
  return name === undefined
    ? { message: "Future exception was never retrieved", exception }
    : { message: "Task exception was never retrieved", exception, taskName: name };
}

/**
 * Starts watching a future that just failed.
 * @param future The failed future.
 * @param exception Its exception.
 */
export function trackUnretrieved(future: Future<unknown>, exception: unknown): void {
  const loop = future.getLoop();
  const ref = new WeakRef(future);
  future._unretrievedRef = ref;
  loop._unretrieved.add(ref);
  const context = contextFor(future, detached(exception));
  registry.register(future, { loop, context, ref }, ref);
}

/**
 * A copy of an Error that keeps its class, name, message and stack text but
 * not the error itself. The registry holds the report strongly, and a Deno
 * Error keeps what its stack frames saw (the failing task among them): with
 * the error in the report, the task could never be collected, and a dropped
 * task that failed would be reported only at `loop.close()`.
 */
function detached(exception: unknown): unknown {
  if (!(exception instanceof Error)) return exception;
  const copy = Object.create(Object.getPrototypeOf(exception)) as Error;
  for (const key of ["name", "message", "stack"] as const) {
    Object.defineProperty(copy, key, { value: exception[key], writable: true, configurable: true });
  }
  return copy;
}

/**
 * Stops watching: somebody retrieved the exception.
 * @param future The future.
 */
export function markRetrieved(future: Future<unknown>): void {
  const ref = future._unretrievedRef;
  if (ref === null) return;
  future._unretrievedRef = null;
  future.getLoop()._unretrieved.delete(ref);
  registry.unregister(ref);
}

/**
 * Reports every still-unretrieved exception of `loop`'s futures (at close).
 * @param loop The loop that closes.
 */
export function sweepUnretrieved(loop: EventLoop): void {
  for (const ref of [...loop._unretrieved]) {
    const future = ref.deref();
    loop._unretrieved.delete(ref);
    registry.unregister(ref);
    if (future === undefined) continue;
    future._unretrievedRef = null;
    const context = contextFor(future, future._exception);
    loop.callExceptionHandler({ ...context, future });
  }
}
