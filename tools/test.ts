/**
 * `deno task test`: everything, in order, stopping at the first failing step.
 *
 * First the system: Jupyter, Chromium and nc, installed with apt when run as
 * root on Debian, else named with the exact command to run (exit 2 before any
 * test). Then type check and lint (both also of the notebooks' code cells),
 * format check, unit and grader tests, every notebook executed in real Jupyter
 * with the course kernel, then the browser test and the class on JupyterHub
 * (tests/hub/). Each step is a subprocess so that its own output streams
 * through unchanged.
 *
 * Nothing is left running: every process a step starts carries this run's tag
 * (see `setup/leftovers.ts`); after each step, and on Ctrl-C or SIGTERM, what
 * still runs with the tag is stopped, and a step that left something fails.
 *
 * @module
 */
import { CHROMIUM, ensureSystem, JUPYTER, MissingSystemPackages, NETCAT } from "./setup/system.ts";
import { RUN_TAG_VARIABLE, stopTagged } from "./setup/leftovers.ts";

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
  {
    name: "notebooks in Jupyter",
    args: ["task", "nb", "notebooks/", "--out", "out/notebooks", "--rerun"],
  },
  { name: "browser (e2e)", args: ["task", "e2e"] },
  { name: "class on JupyterHub", args: ["task", "test:hub"] },
];

/** Set it to choose this run's tag (see `setup/leftovers.ts`) instead of a random one. */
export const TEST_TAG_VARIABLE = "COURSE_TEST_TAG";

/** What the system must provide before any step runs. */
export const SYSTEM_REQUIREMENTS = [JUPYTER, CHROMIUM, NETCAT];

/** How one step ended. */
interface StepResult {
  step: TestStep;
  ok: boolean;
  seconds: number;
  note?: string;
}

function runStep(step: TestStep, tag: string): Deno.ChildProcess {
  console.log(`\n=== ${step.name}: deno ${step.args.join(" ")}`);
  return new Deno.Command(Deno.execPath(), {
    args: step.args,
    env: { [RUN_TAG_VARIABLE]: tag },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
}

/** Stops what a step left running; returns a note for the summary, or null. */
async function sweep(tag: string): Promise<string | null> {
  const left = await stopTagged(tag);
  if (left.length === 0) return null;
  console.error(`test: ${left.length} process(es) were still running; stopped them:`);
  for (const p of left) console.error(`  ${p.pid} ${p.command}`);
  return `left ${left.length} process(es) running`;
}

function printSummary(results: StepResult[], planned: number, interrupted: boolean): number {
  console.log("\n=== summary");
  for (const { step, ok, seconds, note } of results) {
    console.log(
      `${ok ? "ok  " : "FAIL"} ${step.name.padEnd(24)} ${seconds.toFixed(1)} s` +
        (note ? `  (${note})` : ""),
    );
  }
  const failed = results.filter((r) => !r.ok).length;
  const skipped = planned - results.length;
  console.log(
    `test: ${results.length - failed} passed, ${failed} failed` +
      (skipped ? `, ${skipped} skipped` : "") + (interrupted ? " (interrupted)" : ""),
  );
  return interrupted ? 130 : failed ? 1 : 0;
}

/**
 * Runs the pipeline (or the steps named in `args`).
 *
 * @param args step names or their tasks (`check`, `nb`, `e2e`, ...); none means all
 * @returns the exit code: 0 all passed, 1 a step failed, 2 the system lacks something, 130 interrupted
 */
export async function main(args: string[]): Promise<number> {
  try {
    await ensureSystem(SYSTEM_REQUIREMENTS);
  } catch (e) {
    if (e instanceof MissingSystemPackages) {
      console.error("test: install what is missing (above), then run `deno task test` again");
      return 2;
    }
    throw e;
  }
  const only = args.length > 0 ? new Set(args) : null;
  // A step is named by its name or its task (`check`, `nb`, `e2e`, ...).
  const steps = TEST_STEPS.filter((s) => !only || only.has(s.name) || only.has(s.args[1]));
  // A test of this clean-up names the tag, to look for leftovers itself afterwards.
  const tag = Deno.env.get(TEST_TAG_VARIABLE) || crypto.randomUUID();
  const results: StepResult[] = [];
  let child: Deno.ChildProcess | null = null;
  let interrupted = false;
  // Ctrl-C reaches the step too (same process group); SIGTERM comes to us alone.
  const onSignal = (signal: Deno.Signal) => () => {
    interrupted = true;
    try {
      child?.kill(signal);
    } catch {
      // It has ended already.
    }
  };
  const listeners = (["SIGINT", "SIGTERM"] as const).map((s) => [s, onSignal(s)] as const);
  for (const [signal, listener] of listeners) Deno.addSignalListener(signal, listener);
  try {
    for (const step of steps) {
      const started = performance.now();
      child = runStep(step, tag);
      const { code } = await child.status;
      child = null;
      const note = await sweep(tag);
      const seconds = (performance.now() - started) / 1000;
      results.push({
        step,
        ok: code === 0 && note === null && !interrupted,
        seconds,
        note: note ?? undefined,
      });
      if (!results.at(-1)!.ok) break;
    }
  } finally {
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
    await sweep(tag);
  }
  return printSummary(results, steps.length, interrupted);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
