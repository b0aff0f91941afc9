/**
 * What the loop does with an error nobody caught: an exception in a callback,
 * or a task that failed and whose exception nobody ever retrieved.
 *
 * @module
 */
import type { EventLoop } from "./event_loop.ts";
import type { Handle } from "./handle.ts";
import type { Future } from "../coroutine/future.ts";
import type { Task } from "../coroutine/task.ts";

/** What the loop passes to its exception handler (asyncio's `context` dict). */
export interface ExceptionContext {
  /** What happened, in a sentence. */
  message: string;
  /** The error, if there is one. */
  exception?: unknown;
  /** The future whose exception went unretrieved. */
  future?: Future<unknown>;
  /** The task concerned, if any. */
  task?: Task<unknown>;
  /** The callback handle that threw, if any. */
  handle?: Handle;
  /** The task's name, kept even when the task itself is gone. */
  taskName?: string;
  /** Anything else worth reporting. */
  [key: string]: unknown;
}

/** A custom exception handler: `(loop, context) => void`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/**
 * Formats a context the way the default handler prints it: the message, the
 * task's name, then the error's stack.
 *
 * @param context What went wrong.
 * @returns The text the default handler logs.
 * @example
 * ```ts
 * import { formatExceptionContext } from "@course/lib";
 * console.log(formatExceptionContext({ message: "Exception in callback" }));
 * ```
 */
export function formatExceptionContext(context: ExceptionContext): string {
  const lines = [context.message];
  const name = context.taskName ?? context.task?.getName();
  if (name !== undefined) lines.push(`  task: ${name}`);
  if (context.handle !== undefined) lines.push(`  handle: ${context.handle}`);
  if ("exception" in context) {
    const error = context.exception;
    lines.push(
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
    );
  }
  return lines.join("\n");
}

/**
 * The handler used when none is set: logs the context with `console.error`.
 *
 * @param context What went wrong.
 * @example
 * ```ts
 * import { defaultExceptionHandler } from "@course/lib";
 * defaultExceptionHandler({ message: "something odd", exception: new Error("boom") });
 * ```
 */
export function defaultExceptionHandler(context: ExceptionContext): void {
  console.error(formatExceptionContext(context));
}
