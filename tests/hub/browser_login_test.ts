/**
 * A learner on the hub, in headless Chromium: the login page with the shared
 * password, the hub starts their server, their own copy of 00-welcome opens
 * on the course kernel and runs top to bottom without a problem.
 */
import assert from "node:assert/strict";
import { launchBrowser } from "../e2e/browser.ts";
import { problemsIn } from "../e2e/expectations.ts";
import { kernelOf, openNotebook, readCells, runAll } from "../e2e/notebook_page.ts";
import { usersDirOf } from "../../tools/hub/class_dir.ts";
import { startHubTask } from "../../tools/hub/hub_task.ts";
import { describe, makeClassDir } from "./_class.ts";

Deno.test({
  name: "a learner logs in on the hub's login page and runs a notebook",
  // playwright-core closes its pipes to Chromium in its own time after close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await makeClassDir("hub-browser");
    const hub = await startHubTask({ users: 1, dir });
    const browser = await launchBrowser();
    let stopped = false;
    try {
      const [learner] = hub.settings.learners;
      const page = await browser.context.newPage();
      await page.goto(`${hub.url}hub/login`);
      await page.fill("#username_input", learner);
      await page.fill("#password_input", `${hub.settings.password}-wrong`);
      await page.click("#login_submit");
      await page.waitForSelector("text=Invalid username or password");

      await page.fill("#username_input", learner);
      await page.fill("#password_input", hub.settings.password);
      await page.click("#login_submit");
      // The hub starts the server, then sends the browser to the learner's file list.
      await page.waitForURL(`${hub.url}user/${learner}/tree**`, { timeout: 300_000 });
      await page.waitForSelector('a[href$="00-welcome.ipynb"]');

      await openNotebook(page, `${hub.url}user/${learner}/notebooks/00-welcome.ipynb`);
      assert.equal((await kernelOf(page)).display, "Deno (course)");
      await runAll(page);
      const cells = await readCells(page);
      assert.deepEqual(problemsIn(cells), []);
      assert.ok(cells.some((c) => c.svgs.length > 0), "00-welcome draws a chart");
      await Deno.stat(`${usersDirOf(dir)}/${learner}/00-welcome.ipynb`);
      await page.close();

      stopped = true;
      const { code, survivors } = await hub.stop();
      assert.deepEqual(survivors, [], `still running:\n${describe(survivors)}`);
      assert.equal(code, 0);
    } catch (e) {
      console.error(`--- deno task hub said:\n${hub.output().slice(-6000)}`);
      throw e;
    } finally {
      await browser.close();
      if (!stopped) await hub.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
