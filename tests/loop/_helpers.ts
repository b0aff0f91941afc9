/**
 * Test helpers for the loop and coroutine tests: a loop whose exception
 * handler records what it is given instead of printing it.
 *
 * @module
 */
import { EventLoop, type EventLoopOptions, type ExceptionContext } from "@course/lib";

/** A virtual-clock loop (unless told otherwise) and the contexts its handler received. */
export function recordingLoop(
  options: EventLoopOptions = { clock: "virtual" },
): { loop: EventLoop; errors: ExceptionContext[] } {
  const loop = new EventLoop(options);
  const errors: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => errors.push(context));
  return { loop, errors };
}

/** Runs `body` with console.error captured; returns what was printed. */
export function captureConsoleError(body: () => void): string[] {
  const printed: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => printed.push(args.map(String).join(" "));
  try {
    body();
  } finally {
    console.error = original;
  }
  return printed;
}
