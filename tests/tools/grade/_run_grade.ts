/**
 * Test helper: runs `tools/grade/main.ts` in a child process, as
 * `deno task grade` would, and collects its exit code and output.
 *
 * @module
 */

/** The grader's entry point. */
export const GRADE_MAIN: string = new URL("../../../tools/grade/main.ts", import.meta.url).pathname;

/** What a grader run printed and how it ended. */
export interface GradeRun {
  /** The exit code. */
  code: number;
  /** Everything on stdout. */
  stdout: string;
  /** Everything on stderr. */
  stderr: string;
}

/**
 * Runs the grader with `args` to completion.
 *
 * @param args Command-line arguments.
 * @param env Extra environment variables.
 * @returns Exit code and output.
 */
export async function runGrade(
  args: string[],
  env: Record<string, string> = {},
): Promise<GradeRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", GRADE_MAIN, ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}
