/**
 * `runInProcess`: run a function in a fresh Deno subprocess (`Deno.Command`).
 *
 * A process has its own memory, its own V8 and its own process id; the OS
 * schedules it on any core. Like `WorkerPool.run`, the function travels as
 * source text, so it must be self-contained; its argument and result travel as JSON.
 *
 * @module
 */

/** What a subprocess run produced. */
export interface ProcessRun<R> {
  /** The function's return value (through JSON). */
  value: R;
  /** The subprocess's process id (differs from `Deno.pid`). */
  pid: number;
  /** Whatever the function printed with `console.log`. */
  stdout: string;
  /** Wall-clock time from spawn to exit, ms (includes starting Deno: tens of ms). */
  ms: number;
}

const MARK = "\u0001result:";

/**
 * Runs `fn(data)` in a new `deno` process and returns its result and process id.
 *
 * @param fn A self-contained function (may be async); sees only `data` and globals.
 * @param data Its argument; must survive `JSON.stringify`.
 * @returns The value, the child's pid, its printed output and the elapsed time.
 * @throws {Error} If the function throws or the process fails; the message includes its stderr.
 * @example
 * ```ts
 * import { runInProcess } from "@course/lib/scheduler/mod.ts";
 * const run = await runInProcess((n: number) => n * 2, 21);
 * console.log(run.value, run.pid !== Deno.pid); // 42 true
 * ```
 */
export async function runInProcess<T, R>(
  fn: (data: T) => R | Promise<R>,
  data: T,
): Promise<ProcessRun<Awaited<R>>> {
  const program = `
    const fn = (${fn.toString()});
    const data = JSON.parse(await new Response(Deno.stdin.readable).text());
    const value = await fn(data);
    console.log(${JSON.stringify(MARK)} + JSON.stringify({ value: value ?? null, pid: Deno.pid }));
  `;
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", program],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(data ?? null)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const ms = performance.now() - started;
  const out = new TextDecoder().decode(stdout);
  const at = out.lastIndexOf(MARK);
  if (code !== 0 || at < 0) {
    const err = new TextDecoder().decode(stderr).trim();
    throw new Error(`runInProcess: the subprocess failed (exit code ${code}):\n${err}`);
  }
  const { value, pid } = JSON.parse(out.slice(at + MARK.length));
  return { value, pid, stdout: out.slice(0, at), ms };
}
