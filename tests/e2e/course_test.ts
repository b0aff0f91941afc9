/**
 * A learner's path, in headless Chromium: start the course as the README
 * says, open each notebook, run its cells one by one, see the charts, solve
 * an exercise through the editor and see it pass, grade it; then Run All and
 * check that every output lands in its own cell.
 *
 * One Jupyter server, one browser, one page per notebook. Works on a copy of
 * notebooks/ (see course_server.ts), whatever notebooks exist.
 */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { type CourseServer, ROOT, startCourse } from "./course_server.ts";
import { differences, probeProblems, problemsIn, type ReferenceCell } from "./expectations.ts";
import {
  findCourseCell,
  interruptCell,
  kernelOf,
  openNotebook,
  readCells,
  restartKernel,
  runAll,
  runCell,
  runCellByCell,
  save,
  typeIntoCell,
  unsolicitedOutputs,
} from "./notebook_page.ts";
import { PROBE_NAME, probeNotebook } from "./probe_notebook.ts";
import { CANARY_NAME, CANARY_PROBLEMS, canaryNotebook } from "./canary_notebook.ts";
import { saveScreenshot } from "./screenshot.ts";
import { codeNotebook } from "../../tools/nb/code_notebook.ts";
import { stripAnsi } from "../../tools/nb/ansi.ts";

/** Cells in the Run All probe, and how many times it runs. */
const PROBE_CELLS = 30;
const PROBE_RUNS = 3;

function notebookUrl(course: CourseServer, name: string): string {
  return `${course.baseUrl}notebooks/${encodeURIComponent(name)}?token=${course.token}`;
}

/** The notebook runner's output for this notebook (`deno task nb --out out/notebooks`), if any. */
async function runnerCells(name: string): Promise<ReferenceCell[] | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(`${ROOT}out/notebooks/${name}`)).cells;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/** The first exercise (in notebook order) that has a reference solution. */
async function firstSolvableExercise(
  course: CourseServer,
): Promise<{ notebook: string; id: string } | null> {
  for (const notebook of course.notebooks) {
    const cells: { metadata?: { course?: { exercise?: string } } }[] =
      JSON.parse(await Deno.readTextFile(`${course.notebookDir}/${notebook}`)).cells;
    for (const cell of cells) {
      const id = cell.metadata?.course?.exercise;
      if (id && await Deno.stat(`${ROOT}exercises/${id}/solution.ts`).catch(() => null)) {
        return { notebook, id };
      }
    }
  }
  return null;
}

function isDirty(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (globalThis as unknown as { Jupyter: { notebook: { dirty: boolean } } }).Jupyter.notebook.dirty
  );
}

/** The notebook of the interrupt step: state, a wait, a busy loop, and cells that read the state. */
const INTERRUPT_NAME = "zz-interrupt.ipynb";
const INTERRUPT_CELLS = [
  "const kept = 41;",
  "await new Promise(() => {}); // waits forever",
  "kept + 1",
  "let spins = 0;\nwhile (true) spins++; // computes forever",
  "[kept, spins > 0]",
];

/** File > Close and Halt, then close the tab: the kernel is shut down on the server. */
async function closeAndHalt(page: Page): Promise<void> {
  const deleted = page.waitForResponse((r) =>
    r.request().method() === "DELETE" && r.url().includes("/api/sessions/")
  );
  await page.click("#filelink");
  await page.click("#close_and_halt > a");
  assert.ok((await deleted).ok(), "Close and Halt: the session was not deleted");
  if (!page.isClosed()) await page.close();
}

/**
 * Types the reference solution into the exercise cell, saves, runs it and
 * its check cell, and expects the check table to say every check passes.
 */
async function solveExercise(page: Page, id: string): Promise<void> {
  const cell = await findCourseCell(page, "exercise", id);
  assert.ok(cell >= 0, `no exercise cell for ${id}`);
  const solution = await Deno.readTextFile(`${ROOT}exercises/${id}/solution.ts`);
  await typeIntoCell(page, cell, solution.trimEnd());
  const typed = (await readCells(page))[cell].source;
  assert.equal(typed, solution.trimEnd(), "the editor changed the typed solution");
  await save(page);
  await runCell(page, cell);
  await runCell(page, cell + 1);
  const check = (await readCells(page))[cell + 1];
  assert.ok(check.checkTable, `cell ${cell + 1} after the exercise shows no check table`);
  assert.match(check.checkTable, /all \d+ checks pass/, check.checkTable);
}

/** `deno task grade <id> --json` on the served copy, with a throwaway progress file. */
async function grade(course: CourseServer, id: string) {
  const progress = `${course.notebookDir}/.progress.json`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "task",
      "grade",
      id,
      "--json",
      "--notebooks",
      course.notebookDir,
      "--progress",
      progress,
    ],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, `deno task grade failed:\n${err}`);
  return JSON.parse(new TextDecoder().decode(stdout)) as {
    total: { points: number; max: number };
    exercises: { id: string; status: string; points: number; max: number; message: string }[];
  };
}

/**
 * One notebook, as a learner goes through it: cell by cell with the checks,
 * the exercise (when it is the chosen one), then Restart & Run All.
 *
 * @returns seconds spent cell by cell and in Run All
 */
async function learnerPath(
  context: BrowserContext,
  course: CourseServer,
  name: string,
  exercise: { notebook: string; id: string } | null,
): Promise<string> {
  const page = await context.newPage();
  await openNotebook(page, notebookUrl(course, name));
  assert.deepEqual(await kernelOf(page), {
    name: "deno",
    display: "Deno (course)",
    implementation: "Deno kernel",
  });
  // The stored metadata is the course kernel's: opening marks nothing as changed.
  assert.equal(await isDirty(page), false, "opening the notebook marked it as changed");

  let started = performance.now();
  await runCellByCell(page);
  const byCellSeconds = (performance.now() - started) / 1000;
  const byCell = await readCells(page);
  assert.deepEqual(problemsIn(byCell, await runnerCells(name)), [], "cell by cell");

  if (exercise?.notebook === name) {
    await solveExercise(page, exercise.id);
    const report = await grade(course, exercise.id);
    const line = report.exercises.find((e) => e.id === exercise.id);
    assert.ok(line, `the grade report has no ${exercise.id}`);
    assert.equal(line.status, "passed", line.message);
    assert.ok(line.points > 0 && line.points === line.max, JSON.stringify(line));
  }

  // Run All after a restart: every output must land in the cell it landed
  // in when the cells ran one by one.
  await restartKernel(page);
  started = performance.now();
  await runAll(page);
  const runAllSeconds = (performance.now() - started) / 1000;
  const all = await readCells(page);
  assert.deepEqual(problemsIn(all), [], "Run All");
  assert.deepEqual(differences(byCell, all), [], "Run All vs cell by cell");
  assert.equal(await unsolicitedOutputs(page), 0, "outputs no cell asked for");
  await saveScreenshot(page, name.replace(/\.ipynb$/, ""));
  await save(page);
  await closeAndHalt(page);
  return `cell by cell ${byCellSeconds.toFixed(1)} s, Run All ${runAllSeconds.toFixed(1)} s` +
    (exercise?.notebook === name ? `, solved and graded ${exercise.id}` : "");
}

/**
 * Runs `work` over `items`, at most `width` at a time, and keeps each
 * outcome (a value or the error) for reporting in order afterwards.
 */
async function pool<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<Map<T, { ok: true; value: R } | { ok: false; error: unknown }>> {
  const outcomes = new Map<T, { ok: true; value: R } | { ok: false; error: unknown }>();
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      try {
        outcomes.set(item, { ok: true, value: await work(item) });
      } catch (error) {
        outcomes.set(item, { ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
  return outcomes;
}

/**
 * Notebooks in flight at once, each in its own page and kernel (default 2:
 * most of a notebook's time is its own waiting, and CI has 2 cores).
 */
const PAGES = Number(Deno.env.get("E2E_PAGES") ?? "2");

Deno.test({
  name: "a learner's path through every notebook in headless Chromium",
  // playwright-core keeps its connection to Chromium (pipes, timers) open
  // between steps and closes it in its own time after context.close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const course = await startCourse({
      extra: {
        [PROBE_NAME]: probeNotebook(PROBE_CELLS),
        [CANARY_NAME]: canaryNotebook(),
        [INTERRUPT_NAME]: codeNotebook(INTERRUPT_CELLS, "interrupt"),
      },
    });
    let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
    try {
      // Inside the try: a browser that does not start must still stop the course.
      const open = browser = await launchBrowser();
      assert.ok(course.notebooks.length > 0, "no notebooks/*.ipynb");
      const exercise = await firstSolvableExercise(course);
      const outcomes = await pool(
        course.notebooks,
        PAGES,
        (name) => learnerPath(open.context, course, name, exercise),
      );
      for (const name of course.notebooks) {
        await t.step(name, () => {
          const outcome = outcomes.get(name)!;
          if (!outcome.ok) throw outcome.error;
          console.log(`  ${name}: ${outcome.value}`);
        });
      }

      await t.step("the checks see a notebook broken on purpose", async () => {
        const page = await open.context.newPage();
        await openNotebook(page, notebookUrl(course, CANARY_NAME));
        await runAll(page);
        const problems = problemsIn(await readCells(page));
        assert.equal(problems.length, CANARY_PROBLEMS.length, problems.join("\n"));
        CANARY_PROBLEMS.forEach((pattern, i) => assert.match(problems[i], pattern));
        await save(page);
        await closeAndHalt(page);
      });

      await t.step(
        "Kernel > Interrupt ends a waiting and a computing cell, state kept",
        async () => {
          const page = await open.context.newPage();
          await openNotebook(page, notebookUrl(course, INTERRUPT_NAME));
          await runCell(page, 0);
          for (const [busy, reader, shown] of [[1, 2, "42"], [3, 4, "[ 41, true ]"]] as const) {
            const ms = await interruptCell(page, busy);
            const cells = await readCells(page);
            const errors = cells[busy].outputs.filter((o) => o.type === "error");
            assert.equal(errors.length, 1, `cell ${busy}: ${JSON.stringify(cells[busy].outputs)}`);
            assert.match(errors[0].text, /^Interrupted: .*interrupted/);
            assert.equal(cells[busy].errorBoxes, 1, `cell ${busy}: the error is not shown as one`);
            assert.ok(ms < 2000, `cell ${busy} ended ${ms.toFixed(0)} ms after Interrupt`);
            await runCell(page, reader);
            assert.equal(
              stripAnsi((await readCells(page))[reader].outputs.at(-1)?.text ?? ""),
              shown,
            );
          }
          await closeAndHalt(page);
        },
      );

      await t.step(
        `Run All x${PROBE_RUNS}: ${PROBE_CELLS} cells, each output in its own cell`,
        async () => {
          const page = await open.context.newPage();
          await openNotebook(page, notebookUrl(course, PROBE_NAME));
          for (let run = 0; run < PROBE_RUNS; run++) {
            await runAll(page);
            assert.deepEqual(probeProblems(await readCells(page)), [], `run ${run + 1}`);
          }
          assert.equal(await unsolicitedOutputs(page), 0, "outputs no cell asked for");
          await save(page);
          await closeAndHalt(page);
        },
      );
    } catch (e) {
      console.error(`--- deno task course said:\n${course.log()}`);
      throw e;
    } finally {
      await browser?.close();
      await course.stop();
    }
  },
});
