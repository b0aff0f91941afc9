/**
 * `saveScreenshot()`: a PNG of a whole notebook page, under the git-ignored
 * `screenshots/` folder that CI keeps as an artefact.
 *
 * @module
 */
import type { Page } from "playwright-core";

/** Where screenshots go (git-ignored). */
export const SCREENSHOT_DIR: string = new URL("../../screenshots/", import.meta.url).pathname;

/**
 * Saves the whole notebook, top to bottom, as `screenshots/<name>.png`.
 *
 * @param page a page showing a classic notebook
 * @param name file name without extension, e.g. `01-async-io`
 * @returns the path written
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
  // Classic Notebook scrolls inside #site, so a full-page shot would only
  // show one screen; let the page grow to the notebook's height instead.
  await page.addStyleTag({
    content: "#site { height: auto !important; overflow: visible !important; }",
  });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
