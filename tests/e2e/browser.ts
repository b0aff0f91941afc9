/**
 * `launchBrowser()`: Debian's headless Chromium through playwright-core, with
 * a fresh profile that is deleted on close.
 *
 * @module
 */
import { type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM_PATH } from "../../tools/setup/system.ts";

/**
 * Debian's Chromium (`npx playwright install` cannot download one here);
 * `COURSE_CHROMIUM` points elsewhere (the clean-up test points it nowhere).
 */
export const CHROMIUM: string = Deno.env.get("COURSE_CHROMIUM") ?? CHROMIUM_PATH;

/** Flags for a quiet, sandbox-free headless Chromium in a container. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A running browser and how to get rid of it. */
export interface Browser {
  /** The browser context that pages open in. */
  context: BrowserContext;
  /** Closes Chromium and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Starts Chromium with a new temporary profile.
 *
 * @returns the browser context and a `close()`
 * @example
 * ```ts
 * const browser = await launchBrowser();
 * const page = await browser.context.newPage();
 * await browser.close();
 * ```
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = await Deno.makeTempDir({ prefix: "course-e2e-chromium-" });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1280, height: 900 },
    });
  } catch (e) {
    await Deno.remove(profile, { recursive: true });
    throw e;
  }
  return {
    context,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}
