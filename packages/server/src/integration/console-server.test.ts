import type { RuntimeFlags } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { newPage, screenshot } from "../testing/browser.js";
import { openConsole, useConsoleServer } from "../testing/console-flow.js";
import { as } from "../testing/profile-flow.js";

const ADMIN_EMAIL = "console-operator@example.com";
const consoleServer = useConsoleServer(ADMIN_EMAIL);
const { fixture, chromium } = consoleServer;

beforeAll(async () => {
  // The hour so far, stored now rather than at the top of the hour, so the charts have a point.
  expect((await as(fixture.server, consoleServer.admin).post("/admin/statistics/store_hour")).status).toBe(
    200,
  );
});

const flags = async () =>
  (await as(fixture.server, consoleServer.admin).get<RuntimeFlags>("/admin/flags")).body;

describe("the server screen", () => {
  test("shows the charts, refuses an out-of-range flag, saves a valid one", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Server" }).click();
    for (const title of ["Online per hour", "Requests per hour by route"])
      await page.getByRole("figure", { name: title }).locator("canvas").waitFor();
    await page
      .getByRole("figure", { name: /^Public profiles by age and gender/ })
      .locator("canvas")
      .waitFor();
    await page.getByLabel("Statistics range").selectOption("7 days");
    await page.getByRole("figure", { name: "Online per hour" }).locator("canvas").waitFor();
    await screenshot(page, "server-charts");

    const before = (await flags()).daily_likes;
    const row = page.getByRole("form", { name: "Flag daily_likes" });
    await row.getByRole("spinbutton", { name: "daily_likes" }).fill("-5");
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/^must be at least 0$/);
    expect((await flags()).daily_likes).toBe(before);

    await row.getByRole("spinbutton", { name: "daily_likes" }).fill(String(before + 7));
    await row.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    expect((await flags()).daily_likes).toBe(before + 7);

    // No manager link in this configuration: the manager's panels say so instead of failing.
    await page
      .getByRole("region", { name: "Manager" })
      .getByText("This server has no manager link")
      .waitFor();
    await page.getByRole("region", { name: "Runtime flags" }).scrollIntoViewIfNeeded();
    await screenshot(page, "server-flags");
    expect(problems).toEqual([]);
    await close();
  });
});
