/**
 * The concept checklist of the course (shared/COURSE.md), one line per concept.
 * Cells claim a concept with metadata `"course": {"concepts": [n, ...]}`.
 *
 * @module
 */

/** Concept number to a short title, as numbered in the course brief. */
export const CONCEPTS: Readonly<Record<number, string>> = {
  1: "I/O: keyboard, disk, network card",
  2: "concurrency: several tasks in progress at once",
  3: "asynchronous programming: work in the background, notified when done",
  4: "coroutine: a function that can pause and resume",
  5: "asyncio: coroutines run by a single-threaded event loop",
  6: "I/O-bound vs CPU-bound, line by line",
  7: "concurrency vs parallelism; the two cakes and the oven",
  8: "concurrency on one core, parallelism needs two or more",
  9: "preemptive multitasking: the OS time-slices and preempts",
  10: "cooperative multitasking: tasks say where they pause",
  11: "process; time slicing among processes; OS algorithms differ",
  12: "thread: main thread, worker threads",
  13: "multithreading helps only I/O-bound Python code (the GIL)",
  14: "the GIL: one bytecode at a time per process; one GIL per process",
  15: "why the GIL exists: reference counting",
  16: "the GIL is released for I/O: system calls outside the runtime",
  17: "socket: low-level send and receive over a network",
  18: "calling a coroutine function makes an object that runs only on a loop",
};
