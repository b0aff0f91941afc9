/**
 * The teaching event loop: `EventLoop` (ready queue, timer heap, real or
 * virtual clock, `runOnce`, trace), its `Handle`s, and the trace's event
 * types. Building blocks (`Deque`, `TimerHeap`, the clocks, `TraceRecorder`)
 * are importable by path, e.g. `@course/lib/loop/timer_heap.ts`.
 *
 * One edge leaves this folder: `loop.sockRecv`, `sockSendall`, `sockAccept`
 * and `sockConnect` hand over to `lib/socket/sock_ops.ts`, as asyncio's loop
 * carries `sock_recv` and friends. Everything else here needs only
 * `lib/coroutine` (tasks and futures, which the loop runs).
 *
 * @module
 */
export { EventLoop, type EventLoopOptions, type TaskFactory } from "./event_loop.ts";
export { type Callback, Handle, TimerHandle } from "./handle.ts";
export { type ClockKind } from "./clock.ts";
export { RuntimeError } from "./errors.ts";
export {
  defaultExceptionHandler,
  type ExceptionContext,
  type ExceptionHandler,
  formatExceptionContext,
} from "./exception_handler.ts";
export {
  type CallbackEvent,
  type CallbackSkippedEvent,
  type IoWaitEvent,
  type QueueEvent,
  type QueueTraceEvent,
  type ReadyScheduledEvent,
  type SocketWatchEvent,
  type StepOutcome,
  type SyncWaitEvent,
  type TaskStepEvent,
  type TaskStepSpan,
  taskStepSpans,
  type TaskWaitEvent,
  type TimeJumpEvent,
  type TimerCancelledEvent,
  type TimerFiredEvent,
  type TimerScheduledEvent,
  type TraceEvent,
  type TraceEventBase,
  type TraceOptions,
} from "./trace.ts";
