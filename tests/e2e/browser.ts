/**
 * `launchBrowser()`: Debian's headless Chromium through playwright-core, with
 * a fresh profile that is deleted on close.
 *
 * @module
 */
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium (`npx playwright install` cannot download one here). */
export const CHROMIUM = "/usr/bin/chromium";

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
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}
