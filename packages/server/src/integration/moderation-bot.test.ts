import { BotLogin, runModerationBot } from "@venus/bot-client";
import {
  BotsFile,
  type MediaModerationPage,
  type OwnContentItem,
  type OwnContentResponse,
  type OwnProfile,
} from "@venus/model";
import { createLogger, loadConfig } from "@venus/simple-backend";
import { describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { putMedia, testJpeg, uploadImage } from "../testing/media-flow.js";
import {
  as,
  createProfileUser,
  editProfile,
  getOwnProfile,
  moderationQueue,
  sleep,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import type { Frame } from "../testing/ws-client.js";

const ADMIN_EMAIL = "moderation-bot-admin@example.com";
const PAGE_SIZE = 2;

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    admin: { grant_email: ADMIN_EMAIL },
    // Small pages, so the bot follows the cursor.
    media: { moderation_page_size: PAGE_SIZE },
    profile: { moderation_page_size: PAGE_SIZE },
  },
});

/**
 * The rules: longer than 2:1 is rejected, "scam" is banned, other texts are accepted, other images
 * are left to humans. The timer is an hour, so within a test only events (or the start-up pass) wake
 * the bot.
 */
const RULES = {
  ...loadConfig({ schema: BotsFile, envPrefix: "VENUS_NONE__", env: {} }).moderation,
  image_min_side: 512,
  image_max_aspect_ratio: 2,
  banned_words: ["scam"],
  accept_other_texts: true,
  accept_other_images: false,
  check_every_seconds: 3600,
};

/**
 * 1280 × 600: 2.13:1 breaks the bot's rule but not the server's own limits (media.min_side 512,
 * media.max_aspect_ratio 3), and 1280 is the largest stored size, so the bot judges it as it is.
 */
const wideJpeg = () => testJpeg(1280, 600);

/** A moderation bot run on a new moderator bot account, with its log lines kept. */
async function startBot() {
  const { server } = fixture;
  const client = await BotLogin.localClient(server.url, server.botUrl, { moderator: true });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("debug", "moderation-bot-test", {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const controller = new AbortController();
  const run = runModerationBot(client, { rules: RULES, log, signal: controller.signal });
  const passesDone = () => lines.filter((line) => line.msg === "moderation pass done").length;
  return {
    client,
    lines,
    passesDone,
    /** Waits until `count` passes (one per queue) have finished. */
    async passes(count: number): Promise<void> {
      for (let i = 0; passesDone() < count; i++) {
        if (i > 500) throw new Error(`only ${passesDone()} passes: ${JSON.stringify(lines)}`);
        await sleep(10);
      }
    },
    async stop(): Promise<void> {
      controller.abort();
      await run;
      await client.close();
    },
  };
}

const isEvent = (name: string) => (frame: Frame) => frame.type === "event" && frame.event === name;

/** Takes the next `profile_changed` (others stay queued) and records its version. */
async function profileChanged(user: ProfileUser): Promise<void> {
  const frame = await user.ws.take(isEvent("profile_changed"));
  user.version = (frame.data as { version: number }).version;
}

async function ownItem(user: ProfileUser, contentId: string): Promise<OwnContentItem | undefined> {
  const result = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body.items.find((item) => item.content_id === contentId);
}

/** The image moderation queue as a human admin sees it (every page). */
async function humanImageQueue(admin: ProfileUser) {
  return moderationQueue<MediaModerationPage>(
    fixture,
    () => admin,
    "/admin/media/moderation",
    PAGE_SIZE,
  ).all();
}

let admin: ProfileUser | undefined;
const theAdmin = async () =>
  (admin ??= await createProfileUser(fixture.server, {
    email: ADMIN_EMAIL,
    name: "Boss",
    visibility: "private",
  }));

describe("the moderation bot", () => {
  test("started after the items were queued, its first pass decides them; the security selfie is left to humans", async () => {
    const { server } = fixture;
    const human = await theAdmin();
    const owner = await createProfileUser(server, { name: "Olga", visibility: "private" });
    const selfie = await uploadImage(server, owner, await wideJpeg());
    await putMedia(server, owner, "/media/security_selfie", { content_id: selfie });
    const wide = await uploadImage(server, owner, await wideJpeg());
    await putMedia(server, owner, "/media/profile_content", { images: [wide] });
    await editProfile(server, owner, { text: "Not a SCAM, honest." });

    // No bot was connected when these were queued, so no event can wake it for them.
    const bot = await startBot();
    await bot.passes(2);
    await owner.ws.take(isEvent("media_content_changed"));
    expect(await ownItem(owner, wide)).toMatchObject({
      state: "rejected",
      rejection: { category: "low_quality", details: "the image is longer than 2:1" },
    });
    // The selfie breaks the same rule but waits for a person.
    expect(await ownItem(owner, selfie)).toMatchObject({ state: "waiting", rejection: null });
    const waiting = await humanImageQueue(human);
    expect(waiting).toContainEqual(
      expect.objectContaining({ account_id: owner.accountId, content_id: selfie, security_selfie: true }),
    );
    expect(waiting.map((item) => item.content_id)).not.toContain(wide);

    // The name and the text: two decisions, two profile_changed.
    await profileChanged(owner);
    await profileChanged(owner);
    const profile: OwnProfile = await getOwnProfile(server, owner);
    expect(profile.version).toBe(owner.version);
    expect(profile.name).toMatchObject({ value: "Olga", state: "accepted" });
    expect(profile.text).toEqual({
      value: "Not a SCAM, honest.",
      state: "rejected",
      reason: "the text contains a banned word",
    });
    await bot.stop();
    expect(bot.lines.filter((line) => line.msg === "moderated")).toHaveLength(4); // Boss, Olga, text, image
  });

  test("events wake it: rule breakers are rejected and the owner told, clean texts accepted, the rest waits for humans", async () => {
    const { server } = fixture;
    const human = await theAdmin();
    const owner = await createProfileUser(server, { name: "Maija", visibility: "private" });
    const bot = await startBot();
    await bot.passes(2);
    await profileChanged(owner); // the start-up pass accepted the name
    const started = Date.now();

    // Images: judged once chosen as profile images (choosing them is the event that wakes the bot);
    // the wide one is rejected, the normal one left waiting for a person.
    const normal = await uploadImage(server, owner);
    const wide = await uploadImage(server, owner, await wideJpeg());
    await putMedia(server, owner, "/media/profile_content", { images: [normal, wide] });
    await owner.ws.take(isEvent("media_content_changed"));
    expect(await ownItem(owner, wide)).toMatchObject({
      state: "rejected",
      rejection: { category: "low_quality", details: "the image is longer than 2:1" },
    });
    expect(await ownItem(owner, normal)).toMatchObject({ state: "waiting" });
    const waiting = (await humanImageQueue(human)).map((item) => item.content_id);
    expect(waiting).toContain(normal);
    expect(waiting).not.toContain(wide);

    // A text with a banned word is rejected.
    await editProfile(server, owner, { text: "Cheap scam here" });
    await profileChanged(owner);
    expect((await getOwnProfile(server, owner)).text).toEqual({
      value: "Cheap scam here",
      state: "rejected",
      reason: "the text contains a banned word",
    });

    // A clean name and text are accepted (two decisions).
    await editProfile(server, owner, { name: "Minna", text: "Likes long walks by the sea." });
    await profileChanged(owner);
    await profileChanged(owner);
    const profile = await getOwnProfile(server, owner);
    expect(profile.version).toBe(owner.version);
    expect(profile.name).toMatchObject({ value: "Minna", state: "accepted" });
    expect(profile.text).toMatchObject({ value: "Likes long walks by the sea.", state: "accepted" });

    // All of it well before the hour-long timer: the events did it.
    expect(Date.now() - started).toBeLessThan(RULES.check_every_seconds * 1000);
    await bot.stop();
    expect(bot.lines.filter((line) => line.level === 40 || line.level === 50)).toEqual([]);
  });
});
