/**
 * `deno task unit`: the unit and grader tests, in two lanes side by side.
 *
 * - The tools lane (`tests/tools/`) mostly waits: on Jupyter, kernels, the
 *   grader's sandboxes.
 * - The course lane (every other test folder, the exercises included, then the
 *   JSDoc examples of `lib/`) mostly computes. The exercises' tests sit here to
 *   even out the two lanes' times (measured: about 4 minutes each).
 *
 * Two `deno test` processes, not `deno test --parallel`: that runs test files
 * in one process, where the tests that read the process's own CPU time (the
 * stopwatch's "a wait costs no CPU") saw the other files' work. The tools lane
 * prints as it goes; the course lane's output is kept and printed after it,
 * so the two never interleave. Exits 1 if either lane failed.
 *
 * @module
 */

/** One lane: `deno` argument lists run one after another, stopping at the first failure. */
interface Lane {
  name: string;
  runs: string[][];
}

const LANES: Lane[] = [
  { name: "tools", runs: [["test", "-A", "tests/tools/"]] },
  {
    name: "course",
    runs: [
      ["test", "-A", "--ignore=tests/e2e,tests/hub,tests/tools", "tests/"],
      ["test", "-A", "--doc", "lib/"],
    ],
  },
];

/**
 * Runs a lane's commands in turn.
 *
 * @param lane The lane.
 * @param live `true`: output goes straight to the terminal; `false`: it is collected.
 * @returns Whether every command passed, and the collected output.
 */
async function runLane(lane: Lane, live: boolean): Promise<{ ok: boolean; output: string }> {
  let output = "";
  for (const args of lane.runs) {
    const child = new Deno.Command(Deno.execPath(), {
      args,
      stdin: "null",
      stdout: live ? "inherit" : "piped",
      stderr: live ? "inherit" : "piped",
    }).spawn();
    if (live) {
      if (!(await child.status).success) return { ok: false, output };
      continue;
    }
    const { success, stdout, stderr } = await child.output();
    output += new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    if (!success) return { ok: false, output };
  }
  return { ok: true, output };
}

if (import.meta.main) {
  const started = performance.now();
  const [tools, course] = await Promise.all([runLane(LANES[0], true), runLane(LANES[1], false)]);
  console.log(`\n=== unit: the ${LANES[1].name} lane (ran alongside)\n${course.output}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  for (const [lane, result] of [[LANES[0], tools], [LANES[1], course]] as const) {
    console.log(`unit: ${result.ok ? "ok  " : "FAIL"} ${lane.name}`);
  }
  console.log(`unit: both lanes in ${seconds} s`);
  Deno.exit(tools.ok && course.ok ? 0 : 1);
}
