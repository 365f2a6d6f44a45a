import type { MediaModerationPage, OwnContentResponse, ProfileContentResponse } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { newPage, screenshot, useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { openConsole } from "../testing/console-flow.js";
import { mediaChanged, putMedia, uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser, moderationQueue, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const ADMIN_EMAIL = "console-moderator@example.com";
const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: { moderation_page_size: 2 },
  },
});
const chromium = useBrowser();

let admin: ProfileUser;
const imageQueue = moderationQueue<MediaModerationPage>(fixture, () => admin, "/admin/media/moderation", 2);

beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Root" });
  // The admin's own set-up images: decided here, so the queue holds only what the test puts in it.
  for (const item of await imageQueue.all()) {
    const body = { account_id: item.account_id, content_id: item.content_id, accept: true };
    expect((await as(fixture.server, admin).post("/admin/media/moderation", body)).status).toBe(200);
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
    const grid = page.getByRole("region", { name: "Waiting images" }).getByRole("listitem");
    await expect.poll(() => grid.count()).toBe(3);
    const aside = page.getByRole("complementary", { name: "Selected image" });
    await aside.getByRole("img", { name: "Security selfie" }).waitFor();
    await aside.getByRole("img", { name: "Profile image 2" }).waitFor();
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
