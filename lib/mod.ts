/**
 * The course library: what a learner imports as `@course/lib`.
 *
 * Re-exports only. Each folder is teachable on its own:
 * - `loop/`: the teaching event loop (handles, timers, clocks, `runOnce`, trace)
 * - `coroutine/`: `Future`, `Task`, `sleep`, `gather`, `waitFor`, `shield`, ...
 * - `sync/`: `Lock`, `Event`, `Condition`, `Semaphore`, `Barrier`, `Queue`, ...
 * - `socket/`: readiness-based sockets, a selector, streams, a simulated network
 * - `scheduler/`: CPU, cooperative and GIL simulators, reference counting, Workers
 * - `chart/`: timelines and charts drawn with Observable Plot
 * - `notebook/`: display helpers and the in-notebook `check()` / `hint()`
 * - `player/`: `loopPlayer` and `traceJs`, step-through players of a loop's queues
 * - `demo/`: stand-ins for the outside world (a slow local server) and measuring aids
 * - `os/`: evidence from Linux's `/proc` (per-thread CPU, context switches) and a real `python3`
 * - `quiz/`: chapter quizzes, every choice explained, counted as ungraded progress
 * - `practice/`: seeded drills with answer checks and worked solutions (`practice(kind, seed)`)
 *
 * @module
 */
export * from "./loop/mod.ts";
export * from "./coroutine/mod.ts";
export * from "./sync/mod.ts";
export * from "./socket/mod.ts";
export * from "./scheduler/mod.ts";
export * from "./chart/mod.ts";
export * from "./notebook/mod.ts";
export * from "./demo/mod.ts";
export * from "./player/mod.ts";
export * from "./os/mod.ts";
export * from "./practice/mod.ts";
export * from "./quiz/mod.ts";
