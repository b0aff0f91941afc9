/**
 * The course on JupyterHub, for real: `deno task hub --users 3`, each learner
 * logged in through the hub's REST API, their servers started, cells run in
 * their kernels through the hub's proxy; two of them save a solved exercise,
 * one grades and submits in their folder, the teacher grades the others, and
 * `deno task class-report` must show it in the CSV, the misconception table
 * and the charts. Ctrl-C, with a kernel still running, must leave nothing.
 */
import assert from "node:assert/strict";
import {
  type Learner,
  logIn,
  openKernel,
  readNotebook,
  saveNotebook,
  startServer,
} from "../../tools/hub/hub_client.ts";
import { startHubTask } from "../../tools/hub/hub_task.ts";
import { REPO_ROOT, usersDirOf } from "../../tools/hub/class_dir.ts";
import { gradeLearner } from "../../tools/class_report/grade_learner.ts";
import { main as classReport } from "../../tools/class_report/main.ts";
import { loadMisconceptions } from "../../tools/class_report/misconceptions.ts";
import { launchBrowser } from "../e2e/browser.ts";
import { SCREENSHOT_DIR } from "../e2e/screenshot.ts";
import { escapeXml } from "../../lib/chart/_standalone.ts";
import { describe, makeClassDir, type NotebookJson, solveExercise } from "./_class.ts";

/**
 * Runs `deno <args>` in a learner's folder as a terminal of their server
 * would: without the INIT_CWD that `deno task test:hub` set for us, which a
 * nested `deno task` would keep instead of the learner's folder.
 */
async function inTerminal(home: string, args: string[]) {
  const env: Record<string, string> = { ...Deno.env.toObject(), NO_COLOR: "1" };
  delete env.INIT_CWD;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: home,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

/** The exercise two learners solve. */
const EXERCISE = "01-concurrent-waits";
const NOTEBOOK = "01-async-io.ipynb";

Deno.test({
  name: "three learners on deno task hub: log in, run cells, save, grade, class report, Ctrl-C",
  // @jupyterlab/services keeps its WebSocket timers past dispose(); the hub is stopped below.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const dir = await makeClassDir("hub-test");
    const hub = await startHubTask({ users: 3, dir });
    let stopped = false;
    try {
      const { learners, password } = hub.settings;
      assert.deepEqual(learners, ["learner01", "learner02", "learner03"]);
      let logged: Learner[] = [];

      await t.step("each learner logs in and gets a server with their own notebooks", async () => {
        await assert.rejects(logIn(hub.url, "learner01", `${password}-wrong`), /HTTP 403/);
        logged = await Promise.all(learners.map((name) => logIn(hub.url, name, password)));
        // A server starts in seconds; two minutes leave room for a loaded machine, and a dead hub fails the test with its log instead of holding CI.
        await Promise.all(logged.map((learner) => startServer(learner, 120_000)));
        const course = [...Deno.readDirSync(`${REPO_ROOT}/notebooks`)].map((e) => e.name)
          .filter((n) => n.endsWith(".ipynb")).sort();
        for (const name of learners) {
          const own = [...Deno.readDirSync(`${usersDirOf(dir)}/${name}`)].map((e) => e.name)
            .filter((n) => n.endsWith(".ipynb")).sort();
          assert.deepEqual(own, course, `${name}'s folder`);
        }
      });

      await t.step("cells run in each learner's kernel, in their own folder", async () => {
        await Promise.all(logged.map(async (learner) => {
          const kernel = await openKernel(learner, "00-welcome.ipynb");
          try {
            const run = await kernel.executor.execute(
              'import { sleep } from "@course/lib";\nconsole.log(Deno.cwd(), typeof sleep);',
              180_000,
            );
            const text = run.outputs.map((o) => ("text" in o ? String(o.text) : "")).join("");
            assert.equal(text.trim(), `${usersDirOf(dir)}/${learner.name} function`);
            // The learner's own copy of a chapter runs: its first code cell.
            const welcome = (await readNotebook(learner, "00-welcome.ipynb")) as NotebookJson;
            const first = welcome.cells.find((c) => c.cell_type === "code")!;
            const cell = await kernel.executor.execute(
              Array.isArray(first.source) ? first.source.join("") : String(first.source),
              180_000,
            );
            assert.equal(cell.status, "ok", JSON.stringify(cell.outputs));
            assert.ok(cell.outputs.length > 0, "the first cell of 00-welcome shows something");
          } finally {
            await kernel.close();
          }
        }));
      });

      await t.step(
        "two learners save a solved exercise; the first login copy is kept",
        async () => {
          for (const learner of logged.slice(0, 2)) {
            const notebook = (await readNotebook(learner, NOTEBOOK)) as NotebookJson;
            await saveNotebook(learner, NOTEBOOK, await solveExercise(notebook, EXERCISE));
          }
          // A later server start copies nothing over the learner's work.
          const first = logged[0];
          await fetch(`${hub.url}hub/api/users/${first.name}/server`, {
            method: "DELETE",
            headers: { Authorization: `token ${first.token}` },
          }).then((r) => r.body?.cancel());
          await startServer(first);
          const kept = (await readNotebook(first, NOTEBOOK)) as NotebookJson;
          const cell = kept.cells.find((c) => c.metadata.course?.exercise === EXERCISE)!;
          assert.match(String(cell.source), /gather\(/, "the saved solution survives a restart");
        },
      );

      await t.step("a learner grades and submits in their own folder", async () => {
        // What learner01 types in a terminal of their server (it starts in their folder).
        const home = `${usersDirOf(dir)}/learner01`;
        const graded = await inTerminal(home, ["task", "grade", EXERCISE]);
        assert.equal(graded.code, 0, graded.stderr);
        assert.match(graded.stdout, /graded: 3 \/ 3 points/);
        const progress = JSON.parse(await Deno.readTextFile(`${home}/.course/progress.json`));
        assert.equal(progress.exercises[EXERCISE].status, "passed");
        // And hands it in for the class report.
        const submitted = await inTerminal(home, ["task", "submit"]);
        assert.equal(submitted.code, 0, submitted.stderr);
        assert.match(submitted.stdout, /submitted: 3 \/ \d+ points/);
      });

      await t.step("the teacher grades the others, then the class report", async () => {
        // learner01 has submitted; the teacher grades the two others from their folders.
        for (const name of learners.slice(1)) await gradeLearner(`${usersDirOf(dir)}/${name}`);
        // The teacher has logged in too, but never graded: listed, not dropped.
        const teacher = await logIn(hub.url, hub.settings.admin, password);
        await startServer(teacher);
        const out = `${dir}/report`;
        assert.equal(await classReport([usersDirOf(dir), "--out", out]), 0);

        const csv = (await Deno.readTextFile(`${out}/class.csv`)).trim().split("\n")
          .map((line) => line.split(","));
        const column = csv[0].indexOf(EXERCISE);
        assert.ok(column > 0, `the CSV has a column ${EXERCISE}`);
        const rows = new Map(csv.slice(1).map((row) => [row[0], row]));
        assert.deepEqual([...rows.keys()], [hub.settings.admin, ...learners].sort());
        assert.equal(rows.get("learner01")![column], "3");
        assert.equal(rows.get("learner02")![column], "3");
        assert.equal(rows.get("learner03")![column], "0");
        assert.equal(rows.get(hub.settings.admin)![1], "no report yet");

        const html = await Deno.readTextFile(`${out}/class.html`);
        assert.match(html, /<ul id="missing"><li><b>teacher<\/b>: no report yet/);
        for (const id of ["completion", "most-failed", "misconception-chart"]) {
          assert.match(html, new RegExp(`<figure id="${id}"><svg`), `the ${id} chart`);
        }
        // learner03's failing checks show up under the misconception each check names.
        const named = await loadMisconceptions([EXERCISE]);
        assert.ok(named.size > 0, `${EXERCISE}'s checks name their misconceptions`);
        const table = html.slice(html.indexOf('<table id="misconceptions"'));
        assert.ok(
          [...named.values()].some((m) => table.includes(escapeXml(m))),
          `the misconception table names one of: ${[...named.values()].join(" | ")}`,
        );
      });

      await t.step(
        "the class report's charts show in a browser (screenshots/class-report.png)",
        async () => {
          const browser = await launchBrowser();
          try {
            const page = await browser.context.newPage();
            await page.goto(`file://${dir}/report/class.html`);
            for (const id of ["completion", "most-failed", "misconception-chart"]) {
              const box = await page.locator(`#${id} svg`).first().boundingBox();
              assert.ok(
                box && box.width > 200 && box.height > 50,
                `chart ${id}: ${JSON.stringify(box)}`,
              );
            }
            await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
            await page.screenshot({ path: `${SCREENSHOT_DIR}class-report.png`, fullPage: true });
          } finally {
            await browser.close();
          }
        },
      );

      await t.step("a kernel left running when the teacher stops the hub", async () => {
        const kernel = await openKernel(logged[2], NOTEBOOK);
        const run = await kernel.executor.execute("console.log(6 * 7);", 180_000);
        assert.equal(run.status, "ok");
        // Not closed: Ctrl-C must stop it.
      });

      await t.step("Ctrl-C stops the hub, the proxy, every server and kernel", async () => {
        stopped = true;
        const { code, tree, survivors } = await hub.stop();
        const seen = tree.map((p) => p.command).join("\n");
        assert.match(seen, /jupyterhub -f/);
        assert.match(seen, /configurable-http-proxy/);
        assert.equal((seen.match(/jupyterhub-singleuser/g) ?? []).length, 4, seen);
        assert.match(seen, /course_kernel\/proxy\.py/, "the course kernel's proxy was running");
        assert.match(seen, /deno jupyter --kernel/, "Deno's kernel was running");
        assert.deepEqual(survivors, [], `still running:\n${describe(survivors)}`);
        assert.equal(code, 0, hub.output().slice(-3000));
      });
    } catch (e) {
      console.error(`--- deno task hub said:\n${hub.output().slice(-6000)}`);
      throw e;
    } finally {
      if (!stopped) await hub.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
