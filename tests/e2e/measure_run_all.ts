/**
 * Measures, in the browser, how many outputs Cell > Run All puts into the
 * wrong cell, with Deno's own kernel (`--raw`) or with the course kernel.
 *
 *     deno run -A tests/e2e/measure_run_all.ts [--raw] [--cells 30] [--runs 5]
 *
 * Prints one line per run and a JSON summary. The course kernel must show 0;
 * Deno 2.9.x's own kernel shows a few per run (see
 * tools/kernel/course_kernel/proxy.py for why). Run it again after upgrading
 * Deno: when `--raw` shows 0 over many runs, the proxy may be unnecessary.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { launchBrowser } from "./browser.ts";
import { probeProblems } from "./expectations.ts";
import { openNotebook, readCells, runAll, unsolicitedOutputs } from "./notebook_page.ts";
import { PROBE_NAME, probeNotebook } from "./probe_notebook.ts";
import { ensureDenoKernel } from "../../tools/kernel/deno_kernel.ts";
import { installCourseKernel } from "../../tools/kernel/course_kernel/install.ts";
import { startJupyter } from "../../tools/kernel/jupyter_server.ts";

/** One Run All: misplaced or missing outputs, and outputs no cell asked for. */
export interface RunAllMeasure {
  /** Cells that did not show exactly their own two outputs. */
  wrongCells: number;
  /** Outputs the page could not attribute to a cell (running total). */
  unsolicited: number;
  /** The first few problems, for the log. */
  examples: string[];
}

/**
 * Runs the probe notebook `runs` times with Run All in one page of a Jupyter
 * server whose `deno` kernel spec is Deno's own or the course's.
 *
 * @param options which kernel, how many cells and runs
 * @returns one measure per run
 */
export async function measureRunAll(
  options: { raw: boolean; cells: number; runs: number },
): Promise<RunAllMeasure[]> {
  const dir = await Deno.makeTempDir({ prefix: "course-run-all-" });
  const deno = await ensureDenoKernel({ log: () => {} });
  const spec = `${dir}/jupyter/kernels/deno`;
  if (options.raw) {
    await Deno.mkdir(spec, { recursive: true });
    await Deno.writeTextFile(
      `${spec}/kernel.json`,
      JSON.stringify({
        argv: [deno.denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
        display_name: "Deno",
        language: "typescript",
      }),
    );
  } else {
    await installCourseKernel({ jupyterDir: `${dir}/jupyter`, denoPath: deno.denoPath });
  }
  await Deno.mkdir(`${dir}/notebooks`);
  await Deno.writeTextFile(
    `${dir}/notebooks/${PROBE_NAME}`,
    JSON.stringify(probeNotebook(options.cells)),
  );
  // Jupyter and its kernels inherit this; only our spec folder is searched first.
  Deno.env.set("JUPYTER_PATH", `${dir}/jupyter`);
  const server = await startJupyter({ notebookDir: `${dir}/notebooks` });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await openNotebook(page, `${server.baseUrl}notebooks/${PROBE_NAME}?token=${server.token}`);
    const measures: RunAllMeasure[] = [];
    for (let run = 0; run < options.runs; run++) {
      await runAll(page);
      const problems = probeProblems(await readCells(page));
      measures.push({
        wrongCells: problems.length,
        unsolicited: await unsolicitedOutputs(page),
        examples: problems.slice(0, 3),
      });
    }
    return measures;
  } finally {
    await browser.close();
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      raw: { type: "boolean", default: false },
      cells: { type: "string", default: "30" },
      runs: { type: "string", default: "5" },
    },
  });
  const measures = await measureRunAll({
    raw: values.raw,
    cells: Number(values.cells),
    runs: Number(values.runs),
  });
  measures.forEach((m, i) =>
    console.log(
      `run ${
        i + 1
      }: ${m.wrongCells} cell(s) with wrong outputs, ${m.unsolicited} unsolicited so far` +
        (m.examples.length ? `; e.g. ${m.examples.join("; ")}` : ""),
    )
  );
  console.log(JSON.stringify({ kernel: values.raw ? "deno" : "course", measures }));
}
