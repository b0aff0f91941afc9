/**
 * `deno task test`: everything, in order, stopping at the first failing step.
 *
 * Type check and lint (both also of the notebooks' code cells), format check,
 * unit and grader tests, every notebook executed in real Jupyter with Deno's
 * kernel, then the browser test and the class on JupyterHub (tests/hub/).
 * Each step is a subprocess so that its own output streams through unchanged.
 *
 * @module
 */

/** One step of the test pipeline: a name and the command that runs it. */
export interface TestStep {
  /** What the step checks, as printed in the summary. */
  name: string;
  /** The command line, `deno` subcommand first. */
  args: string[];
}

/** The steps of `deno task test`, in the order they run. */
export const TEST_STEPS: readonly TestStep[] = [
  { name: "type check", args: ["task", "check"] },
  { name: "lint", args: ["task", "lint"] },
  { name: "format check", args: ["task", "fmt:check"] },
  { name: "unit and grader tests", args: ["task", "unit"] },
  { name: "notebooks in Jupyter", args: ["task", "nb", "notebooks/", "--out", "out/notebooks"] },
  { name: "browser (e2e)", args: ["task", "e2e"] },
  { name: "class on JupyterHub", args: ["task", "test:hub"] },
];

async function runStep(step: TestStep): Promise<{ ok: boolean; seconds: number }> {
  const started = performance.now();
  console.log(`\n=== ${step.name}: deno ${step.args.join(" ")}`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: step.args,
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return { ok: code === 0, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.main) {
  const only = Deno.args.length > 0 ? new Set(Deno.args) : null;
  const steps = TEST_STEPS.filter((s) => !only || only.has(s.name) || only.has(s.args.at(-1)!));
  const results: { step: TestStep; ok: boolean; seconds: number }[] = [];
  for (const step of steps) {
    const result = await runStep(step);
    results.push({ step, ...result });
    if (!result.ok) break;
  }
  console.log("\n=== summary");
  for (const { step, ok, seconds } of results) {
    console.log(`${ok ? "ok  " : "FAIL"} ${step.name.padEnd(24)} ${seconds.toFixed(1)} s`);
  }
  const failed = results.filter((r) => !r.ok).length;
  const skipped = steps.length - results.length;
  console.log(
    `test: ${results.length - failed} passed, ${failed} failed` +
      (skipped ? `, ${skipped} skipped` : ""),
  );
  Deno.exit(failed ? 1 : 0);
}
