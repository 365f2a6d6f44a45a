import { expect, test } from "vitest";
import { newPage, useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { openConsole } from "../testing/console-flow.js";
import { freePort } from "../testing/free-port.js";
import { createProfileUser } from "../testing/profile-flow.js";
import { startServer } from "../testing/spawn-server.js";

const ADMIN_EMAIL = "console-reconnect@example.com";
const chromium = useBrowser();

test(
  "the console reconnects when the server comes back, and goes on working signed in",
  { timeout: 120_000 },
  async () => {
    // One port for both runs: the page's origin stays the same.
    const config = {
      http: { port: await freePort() },
      admin: { grant_email: ADMIN_EMAIL },
      rate_limits: GENEROUS_RATE_LIMITS,
    };
    const first = await startServer({ config });
    try {
      const admin = await createProfileUser(first, { email: ADMIN_EMAIL, name: "Root" });
      admin.ws.close();
      const { page, problems, close } = await newPage(chromium.browser);
      await openConsole(page, first, ADMIN_EMAIL);
      await first.stop();
      await page.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor();

      const second = await startServer({ config, dataDir: first.dataDir });
      try {
        await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 60_000 });
        await page.getByRole("link", { name: "Accounts" }).click();
        await page.getByRole("searchbox", { name: "Email or account id" }).fill(ADMIN_EMAIL);
        await page.getByRole("button", { name: "Find" }).click();
        await page.getByRole("article", { name: `Account ${ADMIN_EMAIL}` }).waitFor();
        // Chromium logs each refused attempt while the server was down; anything else is a fault.
        expect(problems.filter((problem) => !problem.startsWith("WebSocket connection"))).toEqual([]);
        await close();
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
      first.cleanup();
    }
  },
);
