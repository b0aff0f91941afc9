/**
 * The step player in a real notebook page (headless Chromium, classic
 * Notebook): three players on one page; step, scrub and use the keys on one,
 * and check what it shows against the trace worked out here, in Deno, for
 * every step of the capstone's dinner; the other players must not move.
 * Prints how long the 10,000-step player takes to render.
 */
import assert from "node:assert/strict";
import type { Locator } from "playwright-core";
import { type LoopView, loopViews } from "@course/lib";
import { launchBrowser } from "./browser.ts";
import { startCourse } from "./course_server.ts";
import { openNotebook, readCells, runAll, unsolicitedOutputs } from "./notebook_page.ts";
import { BIG_STEPS, PLAYER_NAME, playerNotebook } from "./player_notebook.ts";
import { dinnerLoop } from "./player_programs.ts";
import { problemsIn } from "./expectations.ts";
import { SCREENSHOT_DIR } from "./screenshot.ts";

/** What a player shows: the step, the clock, what runs, and each pane's lines. */
interface Shown {
  step: number;
  time: string;
  running: string;
  panes: Record<string, { lines: string[]; count: number }>;
}

/** The same, as a teaching-loop player should show `view` (the list format of _player_script.ts). */
function expected(view: LoopView): Shown {
  const at = (where: string | null) => (where ? ` @ ${where}` : "");
  const pane = (lines: string[]) => ({ lines: lines.slice(0, 30), count: lines.length });
  return {
    step: view.step,
    time: String(+view.time.toFixed(6)),
    running: view.running === null ? "nothing (between steps)" : view.running + at(view.where),
    panes: {
      ready: pane(view.ready.map((item) => item.name + at(item.where))),
      timers: pane(view.timers.map((t) => `${+t.when.toFixed(6)} s: ${t.name}${at(t.where)}`)),
      waiting: pane(view.waiting.map((w) => `${w.task} waits for ${w.on}`)),
      io: pane(view.sockets.map((s) => `watching ${s}`).concat(view.io.map((i) => i.name))),
    },
  };
}

function shown(player: Locator): Promise<Shown> {
  return player.evaluate((root) => {
    const text = (sel: string) => root.querySelector(sel)!.textContent!;
    const panes: Record<string, { lines: string[]; count: number }> = {};
    for (const list of root.querySelectorAll<HTMLElement>("[data-pane]")) {
      panes[list.dataset.pane!] = {
        lines: [...list.querySelectorAll("li:not(.lp-empty):not(.lp-more)")].map((li) =>
          li.textContent!
        ),
        count: Number(list.dataset.count),
      };
    }
    return {
      step: Number(text("[data-field=step]")),
      time: text("[data-field=time]"),
      running: text("[data-field=running]"),
      panes,
    };
  });
}

async function stepOf(player: Locator): Promise<number> {
  return Number(await player.getAttribute("data-step"));
}

/** Moves the scrubber to its end as a hand would: value set, `input` fired. */
async function scrubToEnd(player: Locator): Promise<void> {
  await player.locator("input[type=range]").evaluate((input: HTMLInputElement) => {
    input.value = input.max;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** Renders the player's HTML afresh in the page, scripts and layout included; milliseconds. */
function renderAgain(player: Locator): Promise<{ totalMs: number; openMs: number }> {
  return player.evaluate((root) => {
    // A fresh copy: a new id, and none of the state the first run wrote on the player.
    const fresh = root.cloneNode(true) as HTMLElement;
    for (const name of ["data-ready", "data-step", "data-init-ms", "data-open-ms"]) {
      fresh.removeAttribute(name);
    }
    const html = fresh.outerHTML.replaceAll(root.id, `${root.id}-again`);
    const host = document.createElement("div");
    document.body.appendChild(host);
    const started = performance.now();
    host.innerHTML = html;
    // innerHTML does not run scripts: replace each with a live copy, as notebooks do.
    for (const old of host.querySelectorAll("script:not([type])")) {
      const live = document.createElement("script");
      live.textContent = old.textContent;
      old.replaceWith(live);
    }
    void host.getBoundingClientRect().height; // force layout
    const totalMs = performance.now() - started;
    const copy = host.firstElementChild as HTMLElement;
    const openMs = Number(copy.dataset.openMs);
    host.remove();
    return { totalMs, openMs };
  });
}

Deno.test({
  name: "the step player in headless Chromium: step, scrub, keys, every step of a capstone trace",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const loop = await dinnerLoop();
    const events = loop.trace({ queues: true });
    const views = loopViews(events);
    loop.close();

    const course = await startCourse({ extra: { [PLAYER_NAME]: playerNotebook() } });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await openNotebook(
        page,
        `${course.baseUrl}notebooks/${PLAYER_NAME}?token=${course.token}`,
      );
      await runAll(page);
      assert.deepEqual(problemsIn(await readCells(page)), [], "the notebook ran cleanly");
      assert.equal(await unsolicitedOutputs(page), 0);
      await page.waitForFunction(() =>
        document.querySelectorAll(".lp[data-ready=true]").length === 3
      );
      const [dinner, nap, big] = [0, 1, 2].map((i) => page.locator(".lp").nth(i));

      // The page plays the trace this test made itself.
      const embedded = await dinner.evaluate((root) =>
        JSON.parse(document.getElementById(`${root.id}-data`)!.textContent!).events
      );
      assert.deepEqual(
        embedded.map((e: { kind: string }) => e.kind),
        events.map((e) => e.kind),
        "the page's trace is the capstone dinner's trace",
      );

      // Forward three times: the queues shown are the trace's after step 3.
      assert.deepEqual(await shown(dinner), expected(views[0]));
      for (let i = 0; i < 3; i++) await dinner.locator("[data-act=forward]").click();
      assert.equal(await stepOf(dinner), 3);
      assert.deepEqual(await shown(dinner), expected(views[3]));

      // Scrub to the end; the other players did not move.
      await scrubToEnd(dinner);
      assert.equal(await stepOf(dinner), events.length);
      assert.deepEqual(await shown(dinner), expected(views[events.length]));
      assert.equal(await stepOf(nap), 0, "the second player moved");
      assert.equal(await stepOf(big), 0, "the third player moved");

      // Every step, with the keys: Home, then the right arrow to the end.
      await dinner.focus();
      await page.keyboard.press("Home");
      assert.equal(await stepOf(dinner), 0);
      for (let n = 1; n <= events.length; n++) {
        await page.keyboard.press("ArrowRight");
        assert.deepEqual(await shown(dinner), expected(views[n]), `step ${n}`);
      }
      await page.keyboard.press("ArrowLeft");
      assert.equal(await stepOf(dinner), events.length - 1);
      assert.equal(await stepOf(nap), 0, "the keys reached the second player");

      // A picture of the player at a step where both dishes wait on timers.
      const chosen = views.findIndex((v) => v.timers.length === 2 && v.waiting.length === 3);
      assert.ok(chosen > 0, "no step with two timers and three waiting tasks");
      await page.keyboard.press("Home");
      for (let n = 0; n < chosen; n++) await page.keyboard.press("ArrowRight");
      await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
      await dinner.screenshot({ path: `${SCREENSHOT_DIR}player-step-${chosen}.png` });

      // The 10,000-step player: opened, scrubbed to its end, rendered again and timed.
      assert.equal(await big.locator("input[type=range]").getAttribute("max"), String(BIG_STEPS));
      const scrubMs = await big.evaluate((root) => {
        const input = root.querySelector("input[type=range]") as HTMLInputElement;
        const started = performance.now();
        input.value = input.max;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return performance.now() - started;
      });
      assert.equal(await stepOf(big), BIG_STEPS);
      const openMs = Number(await big.getAttribute("data-open-ms"));
      const again = await renderAgain(big);
      console.log(
        `  ${BIG_STEPS}-step player: script ${openMs} ms when the cell ran; rendered again ` +
          `(HTML, script, layout) ${again.totalMs.toFixed(1)} ms (script ${again.openMs} ms); ` +
          `scrub to the end ${scrubMs.toFixed(1)} ms`,
      );
      await page.close();
    } catch (e) {
      console.error(`--- deno task course said:\n${course.log()}`);
      throw e;
    } finally {
      await browser.close();
      await course.stop();
    }
  },
});
