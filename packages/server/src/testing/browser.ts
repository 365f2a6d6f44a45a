import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Debian's Chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = "/usr/bin/chromium";

/** Where the console tests leave their screenshots (gitignored; docs/console.md shows copies). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../../../test-results/console/", import.meta.url));

/** One headless Chromium for the test file, closed afterwards. */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error("the browser has not started");
      return browser;
    },
  };
}

/**
 * A fresh page (its own storage: a new device) at 1280×800 that collects script errors and refused
 * Content-Security-Policy reports, which would otherwise pass unnoticed. Chromium's "Failed to load
 * resource" lines are left out: an error status is an answer the tests check where they expect it.
 */
export async function newPage(browser: Browser, { size = { width: 1280, height: 800 }, dark = false } = {}) {
  const context = await browser.newContext({ viewport: size, colorScheme: dark ? "dark" : "light" });
  const page = await context.newPage();
  // Well inside the test's own timeout, so a missing element fails with its locator named.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { page, problems, close: () => context.close() };
}

/** Saves a screenshot of the page as `<name>.png` under SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}
