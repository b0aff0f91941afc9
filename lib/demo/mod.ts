/**
 * Demo helpers for the notebooks: stand-ins for the outside world (a slow local
 * HTTP server) and small measuring aids, so that notebook cells stay short.
 *
 * Re-exports only.
 *
 * @module
 */
export { measureTimerLag, type TimerLag, type TimerLagOptions } from "./timer_lag.ts";
export {
  type SlowServer,
  type SlowServerEvent,
  type SlowServerOptions,
  startSlowServer,
} from "./slow_server.ts";
export { type Lap, measure, type Measured, type Stopwatch, stopwatch } from "./stopwatch.ts";
export {
  echoBars,
  echoClients,
  type EchoClientsOptions,
  echoOnce,
  type EchoOnceOptions,
  type EchoResult,
  echoStream,
} from "./echo_clients.ts";
export { type RemoteSlowServer, startRemoteSlowServer } from "./remote_slow_server.ts";
export { type TimedWrites, timeWrites, type TimeWritesOptions } from "./timed_write.ts";
export { fileBurst, socketBurst } from "./io_bursts.ts";
export {
  type ComputeClient,
  type ComputeJob,
  type ComputePool,
  type ComputeServe,
  type ComputeSession,
  type ComputeSessionOptions,
  runComputeSession,
} from "./compute_session.ts";
export {
  type CallbackLoop,
  type Drive,
  driveIoLoop,
  type IoFunctions,
  type IoLoop,
  newIoLoop,
  settleWithin,
} from "./io_loop.ts";
