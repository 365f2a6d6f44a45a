import type { AdminNewsList, NewsBannerResponse } from "@venus/model";
import { describe, expect, test } from "vitest";
import { newPage, screenshot } from "../testing/browser.js";
import { openConsole, useConsoleServer } from "../testing/console-flow.js";
import { as } from "../testing/profile-flow.js";

const ADMIN_EMAIL = "console-news@example.com";
const consoleServer = useConsoleServer(ADMIN_EMAIL);
const { fixture, chromium } = consoleServer;

describe("the news and email screen", () => {
  test("writes a draft with a banner, publishes it, and sends a mail to all after a confirmation", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "News and email" }).click();
    const news = page.getByRole("region", { name: "News" });
    await news.getByText("No news yet.").waitFor();
    const form = news.getByRole("form", { name: "Write news" });
    await form.getByLabel("Title").fill("Scheduled maintenance");
    await form.getByLabel("Text").fill("The service pauses on Sunday at 03:00 UTC.");
    await form.getByLabel("Banner severity").selectOption("warning");
    await form.getByLabel("Banner until").fill("2099-01-01T12:00");
    await form.getByRole("button", { name: "Save draft" }).click();
    await news.getByRole("status").filter({ hasText: "Draft saved" }).waitFor();
    const row = news.getByRole("row").filter({ hasText: "Scheduled maintenance" });
    await row.getByText("Draft").waitFor();
    await row.getByRole("button", { name: "Publish" }).click();
    await row.getByText(/^Published/).waitFor();
    await screenshot(page, "news-list");
    const listed = (await as(fixture.server, consoleServer.admin).get<AdminNewsList>("/admin/news")).body
      .items;
    expect(listed).toMatchObject([{ published_at: expect.any(Number) as number }]);
    const banner = (await as(fixture.server, consoleServer.admin).get<NewsBannerResponse>("/news/banner"))
      .body.banner;
    expect(banner).toMatchObject({ title: "Scheduled maintenance", banner: { severity: "warning" } });

    const mail = page.getByRole("region", { name: "Email to users" });
    await mail.getByLabel("Subject").fill("Hello everyone");
    await mail.getByLabel("Text", { exact: true }).fill("Thank you for using the service.");
    await mail.getByRole("button", { name: "Send" }).click();
    await page.getByRole("dialog", { name: "Send" }).getByRole("button", { name: "Send" }).click();
    // The admin signed up with a password and never verified the address: nobody to mail yet.
    await mail.getByRole("status").filter({ hasText: "Queued 0 mails" }).waitFor();
    await screenshot(page, "news-and-email");
    expect(problems).toEqual([]);
    await close();
  });
});
