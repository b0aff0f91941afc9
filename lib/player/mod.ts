/**
 * Step-through players: `loopPlayer(trace)` shows a loop's queues step by
 * step in the notebook, for the teaching loop (`loop.trace({ queues: true })`)
 * and for real JavaScript (`traceJs(program)`). Re-exports only.
 *
 * @module
 */
export {
  applyStep,
  cloneLoopView,
  emptyLoopView,
  type LoopView,
  loopViewAt,
  loopViews,
  type PlayerEvent,
  type QueueItem,
  type TimerItem,
  type WaitItem,
} from "./loop_view.ts";
export type {
  JsCallbackEndEvent,
  JsCallbackEvent,
  JsEventBase,
  JsIoEvent,
  JsLimitEvent,
  JsLogEvent,
  JsMicrotaskQueuedEvent,
  JsPromiseReactionEvent,
  JsTimerEvent,
  JsTraceEvent,
} from "./js_trace_event.ts";
export {
  LoopPlayer,
  loopPlayer,
  type LoopPlayerBundle,
  type LoopPlayerOptions,
} from "./loop_player.ts";
export { type JsTrace, traceJs, type TraceJsOptions } from "./trace_js.ts";
export { type StepCategory, stepCategory, stepsStrip } from "./steps_strip.ts";
export { type LoopState, type SnapshotEvent, SnapshotRecorder } from "./snapshot_recorder.ts";
