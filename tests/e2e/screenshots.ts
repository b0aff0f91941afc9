/**
 * `deno task screenshots [notebook...]`: start the course on a copy of the
 * notebooks, run each notebook cell by cell in headless Chromium, and save a
 * full-page PNG of it under screenshots/ (git-ignored). Checks nothing: the
 * e2e test does; this is for looking.
 *
 * @module
 */
import { launchBrowser } from "./browser.ts";
import { startCourse } from "./course_server.ts";
import { openNotebook, runCellByCell, save } from "./notebook_page.ts";
import { saveScreenshot } from "./screenshot.ts";

/**
 * Screenshots the given notebooks (file names), or all of them.
 *
 * @param only notebook file names, e.g. `01-async-io.ipynb`; empty for all
 * @returns the PNG paths written
 */
export async function screenshots(only: string[] = []): Promise<string[]> {
  const course = await startCourse();
  const browser = await launchBrowser();
  const written: string[] = [];
  try {
    const names = only.length
      ? course.notebooks.filter((n) => only.some((o) => n === o || n === `${o}.ipynb`))
      : course.notebooks;
    for (const name of names) {
      const page = await browser.context.newPage();
      await openNotebook(
        page,
        `${course.baseUrl}notebooks/${encodeURIComponent(name)}?token=${course.token}`,
      );
      await runCellByCell(page);
      written.push(await saveScreenshot(page, name.replace(/\.ipynb$/, "")));
      await save(page); // saves the copy, so that leaving the page asks nothing
      await page.close();
    }
  } finally {
    await browser.close();
    await course.stop();
  }
  return written;
}

if (import.meta.main) {
  for (const path of await screenshots(Deno.args)) console.log(path);
}
