import { BotLogin, runModerationBot } from "@venus/bot-client";
import {
  BotsFile,
  type MediaModerationPage,
  type ModerationQueuePage,
  type OwnContentResponse,
  type ProfileContentResponse,
} from "@venus/model";
import { createLogger, loadConfig } from "@venus/simple-backend";
import { beforeAll, describe, expect, test } from "vitest";
import { newPage, screenshot } from "../testing/browser.js";
import { openConsole, useConsoleServer } from "../testing/console-flow.js";
import { mediaChanged, putMedia, uploadImage } from "../testing/media-flow.js";
import {
  as,
  createProfileUser,
  editProfile,
  expectProfileChanged,
  getOwnProfile,
  moderationQueue,
} from "../testing/profile-flow.js";

const ADMIN_EMAIL = "console-moderator@example.com";
const consoleServer = useConsoleServer(ADMIN_EMAIL, { media: { moderation_page_size: 2 } });
const { fixture, chromium } = consoleServer;

const imageQueue = moderationQueue<MediaModerationPage>(
  fixture,
  () => consoleServer.admin,
  "/admin/media/moderation",
  2,
);
const textQueue = moderationQueue<ModerationQueuePage>(
  fixture,
  () => consoleServer.admin,
  "/admin/profile/moderation",
  50,
);

/** Accepts every waiting name and text, so a test starts with an empty text queue. */
async function acceptAllTexts(): Promise<void> {
  for (const item of await textQueue.all()) {
    const body = { account_id: item.account_id, field: item.field, accept: true };
    expect(
      (await as(fixture.server, consoleServer.admin).post("/admin/profile/moderation", body)).status,
    ).toBe(200);
  }
}

beforeAll(async () => {
  // The admin's own set-up images: decided here, so the queue holds only what the test puts in it.
  for (const item of await imageQueue.all()) {
    const body = { account_id: item.account_id, content_id: item.content_id, accept: true };
    expect((await as(fixture.server, consoleServer.admin).post("/admin/media/moderation", body)).status).toBe(
      200,
    );
  }
});

describe("the image queue in the console", () => {
  test("images arrive live, and the keyboard accepts two and rejects one with a category", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByText("The queue is empty.").waitFor();

    // A new member sets up a profile (selfie, profile image) and adds a second image to it: the
    // queue fills while the page stays open (moderation_queue_changed).
    const owner = await createProfileUser(fixture.server, { name: "Olga" });
    const extra = await uploadImage(fixture.server, owner);
    const profile = await as(fixture.server, owner).get<ProfileContentResponse>(
      `/media/profile_content/${owner.accountId}`,
    );
    await putMedia(fixture.server, owner, "/media/profile_content", {
      images: [profile.body.images[0]?.content_id, extra],
    });
    const grid = page.getByRole("list", { name: "Images, oldest first" }).getByRole("listitem");
    await expect.poll(() => grid.count()).toBe(3);
    const aside = page.getByRole("complementary", { name: "Selected image" });
    await aside.getByRole("img", { name: "Security selfie" }).waitFor();
    await aside.getByRole("img", { name: "Profile image 2" }).waitFor();
    // The detectors are off in this server: every item says it has no findings.
    await aside.getByText("No detector findings").waitFor();
    expect(await grid.getByText("No detector findings").count()).toBe(3);
    await screenshot(page, "images");

    await page.keyboard.press("a");
    await page.keyboard.press("a");
    await page.keyboard.press("r");
    await page.getByRole("form", { name: "Reject" }).waitFor();
    await screenshot(page, "images-reject");
    await page.keyboard.press("3");
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Rejected" }).textContent())
      .toBe("Rejected: not a person");
    await page.getByText("The queue is empty.").waitFor();

    // The owner's WebSocket hears of each decision; the rejection carries the category.
    for (let decided = 0; decided < 3; decided++) await mediaChanged(owner);
    const after = await as(fixture.server, owner).get<OwnContentResponse>("/media/content");
    const states = Object.fromEntries(after.body.items.map((item) => [item.content_id, item]));
    expect(states[extra]).toMatchObject({ state: "rejected", rejection: { category: "not_a_person" } });
    expect(after.body.items.filter((item) => item.state === "accepted")).toHaveLength(2);
    expect(await imageQueue.all()).toEqual([]);
    expect(problems).toEqual([]);
    await close();
    owner.ws.close();
  });
});

describe("the name and text queue in the console", () => {
  test("an edited text arrives live and is rejected with a reason from the keyboard", async () => {
    const owner = await createProfileUser(fixture.server, { name: "Tom" });
    await acceptAllTexts();
    await expectProfileChanged(owner); // the accepted name
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Names and texts" }).click();
    await page.getByText("The queue is empty.").waitFor();

    await editProfile(fixture.server, owner, { text: "Cheap pills, write me" });
    const queue = page.getByRole("region", { name: "Waiting names and texts" });
    await queue.getByText("Cheap pills, write me").waitFor();
    await screenshot(page, "texts");
    await page.keyboard.press("r");
    await page.getByRole("textbox", { name: "Reason for the owner" }).fill("No advertising, please");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Rejected text" }).waitFor();
    await page.getByText("The queue is empty.").waitFor();

    expect((await getOwnProfile(fixture.server, owner)).text).toEqual({
      value: "Cheap pills, write me",
      state: "rejected",
      reason: "No advertising, please",
    });
    expect(problems).toEqual([]);
    await close();
    owner.ws.close();
  });
});

describe("the moderation bot's decisions in the console", () => {
  test("a text the bot rejected is listed under the queue with who decided and why", async () => {
    const { server } = fixture;
    const client = await BotLogin.localClient(server.url, server.botUrl, { moderator: true });
    const rules = {
      ...loadConfig({ schema: BotsFile, envPrefix: "VENUS_NONE__", env: {} }).moderation,
      banned_words: ["scam"],
      accept_other_texts: false,
      accept_other_images: false,
      check_every_seconds: 3600,
    };
    const controller = new AbortController();
    const log = createLogger("silent", "console-bot-test");
    const run = runModerationBot(client, { rules, log, signal: controller.signal });
    try {
      const owner = await createProfileUser(fixture.server, { name: "Sam" });
      await editProfile(fixture.server, owner, { text: "A scam offer" });
      await expect
        .poll(async () => (await getOwnProfile(fixture.server, owner)).text.state, { timeout: 15_000 })
        .toBe("rejected");
      const { page, problems, close } = await newPage(chromium.browser);
      await openConsole(page, fixture.server, ADMIN_EMAIL);
      await page.getByRole("link", { name: "Names and texts" }).click();
      const latest = page.getByRole("region", { name: "Latest decisions" });
      await latest
        .getByRole("listitem")
        .filter({
          hasText: `moderation bot on text of ${owner.accountId}: rejected: the text contains a banned word`,
        })
        .waitFor();
      await screenshot(page, "texts-bot");
      expect(problems).toEqual([]);
      await close();
      owner.ws.close();
    } finally {
      controller.abort();
      await run;
      await client.close();
    }
  });
});
