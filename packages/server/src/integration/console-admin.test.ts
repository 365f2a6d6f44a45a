import type { AdminAccountView, ReportsPage } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { adminView, adminWith } from "../testing/admin-flow.js";
import { newPage, screenshot, useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { openConsole } from "../testing/console-flow.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const ADMIN_EMAIL = "console-root@example.com";
const fixture = useServer({
  config: { admin: { grant_email: ADMIN_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS },
});
const chromium = useBrowser();

let root: ProfileUser;
let target: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Root" });
  target = await createProfileUser(fixture.server, {
    name: "Mallory",
    gender: "man",
    wantedGenders: ["woman"],
  });
  const accepted = await as(fixture.server, root).post("/admin/profile/moderation", {
    account_id: target.accountId,
    field: "name",
    accept: true,
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
});

describe("reports in the console", () => {
  test("an admin sees a waiting report with the reporter's history and accepts it", async () => {
    const reporter = await createProfileUser(fixture.server, { name: "Rita" });
    const filed = await as(fixture.server, reporter).post<{ report_id: number }>(
      `/report/profile_name/${target.accountId}`,
      { category: "scam", details: "Asks for money" },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Reports" }).click();
    const queue = page.getByRole("region", { name: "Waiting reports" });
    await queue.getByText("“Asks for money”").waitFor();
    await queue.getByText("Mallory").waitFor();
    await screenshot(page, "reports");
    await queue.getByRole("button", { name: "Accept (a)" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Report ${filed.body.report_id} accepted` })
      .waitFor();
    await queue.getByText("No report waits.").waitFor();
    const accepted = await as(fixture.server, root).get<ReportsPage>("/admin/reports?state=accepted");
    expect(accepted.body.items.map((report) => report.report_id)).toContain(filed.body.report_id);
    expect(problems).toEqual([]);
    await close();
    reporter.ws.close();
  });
});

describe("accounts in the console", () => {
  test("an admin finds an account by email, bans it with a reason, and lifts the ban", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("searchbox", { name: "Email or account id" }).fill(target.email);
    await page.getByRole("button", { name: "Find" }).click();
    const account = page.getByRole("article", { name: `Account ${target.email}` });
    await account
      .getByRole("region", { name: "Images" })
      .getByRole("img", { name: "Security selfie" })
      .waitFor();
    await account.getByRole("region", { name: "Sign-in methods" }).getByText("set").waitFor();
    await account.getByRole("region", { name: "Devices" }).getByText("web 1.0.0").waitFor();
    const allImages = account.getByRole("region", { name: "All images" });
    await expect.poll(() => allImages.getByRole("img").count()).toBe(2);
    await screenshot(page, "account");

    await account.getByRole("button", { name: "Ban", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Ban" });
    await dialog.getByLabel("Reason (shown to the owner)").fill("Scam reports");
    await screenshot(page, "account-ban");
    await dialog.getByRole("button", { name: "Ban", exact: true }).click();
    await account.getByText("until lifted: Scam reports").waitFor();
    await expect
      .poll(async () => (await adminView(fixture.server, root, target.accountId)).ban)
      .toEqual({
        until: null,
        reason: "Scam reports",
      });
    expect(await target.ws.take((frame) => frame.event === "account_state_changed")).toMatchObject({
      data: { state: "banned", ban: { reason: "Scam reports" } },
    });

    await account.getByRole("button", { name: "Unban", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Unban" })
      .getByRole("button", { name: "Unban", exact: true })
      .click();
    await account.getByRole("button", { name: "Ban", exact: true }).waitFor();
    const after: AdminAccountView = await adminView(fixture.server, root, target.accountId);
    expect(after).toMatchObject({ ban: null, state: "normal" });
    expect(problems).toEqual([]);
    await close();
  });

  test("a moderator without account permissions sees the account but no action", async () => {
    const moderator = await adminWith(fixture.server, root, ["moderate_images", "view_accounts"]);
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, moderator.email);
    const screens = await page
      .getByRole("navigation", { name: "Screens" })
      .getByRole("link")
      .allTextContents();
    expect(screens).toEqual(["Images", "Verification", "Accounts"]);
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("searchbox", { name: "Email or account id" }).fill(target.accountId);
    await page.getByRole("button", { name: "Find" }).click();
    expect(page.url()).toContain(`#/accounts/${target.accountId}`);
    const account = page.getByRole("article", { name: `Account ${target.email}` });
    await account.getByText("Permissions").first().waitFor();
    expect(await account.getByRole("region", { name: "Actions" }).count()).toBe(0);
    expect(await account.getByRole("button").count()).toBe(0);
    await screenshot(page, "account-moderator");

    // The console is a device like any other: an admin's forced logout ends it too.
    const ended = await as(fixture.server, root).post(`/admin/accounts/${moderator.accountId}/logout`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    await page.getByRole("form", { name: "Sign in with password" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Signed out: logged out by admin" }).waitFor();
    expect(problems).toEqual([]);
    await close();
  });
});
