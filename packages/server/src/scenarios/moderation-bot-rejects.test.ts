import { generateBotImage, refusal, seededRandom, type VenusClient } from "@venus/bot-client";
import { afterAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { botsFile, startModerationBot, type RunningBot } from "./steps/bots.js";
import { afterEvents } from "./steps/events.js";
import { CENTRE, north } from "./steps/places.js";
import { publicPerson } from "./steps/people.js";

/**
 * The moderation bot rejects a rule-breaking image and its owner is told: 1280 × 600 (2.13:1) passes
 * the server's own limits (media.min_side 512, media.max_aspect_ratio 3) but breaks the bot's
 * image_max_aspect_ratio of 2. The owner gets media_content_changed and finds the rejection, with
 * its category, in the content list; nobody else is ever served the image.
 */

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const RULES = botsFile({
  moderation: {
    image_max_aspect_ratio: 2,
    accept_other_images: true,
    accept_other_texts: true,
    // Events, not the timer, wake the bot within the scenario.
    check_every_seconds: 3600,
  },
}).moderation;

let bot: RunningBot | undefined;
const clients: VenusClient[] = [];
afterAll(async () => {
  await bot?.stop();
  for (const client of clients) await client.close();
});

test("a 1280×600 image is rejected as low_quality by the bot, and the owner is told", async () => {
  const { server } = fixture;
  const moderationBot = await startModerationBot(server, RULES);
  bot = moderationBot;
  const [olga, ville] = await Promise.all([
    publicPerson(server.url, { name: "Olga", gender: "woman", lookingFor: ["man"] }, CENTRE),
    publicPerson(server.url, { name: "Ville", gender: "man", lookingFor: ["woman"] }, north(CENTRE, 1)),
  ]);
  clients.push(olga.client, ville.client);
  // Her clean profile image is accepted by the same bot.
  await afterEvents(olga.client, "media_content_changed", async () => {
    const { items } = await olga.client.media.content();
    return items.find((item) => item.content_id === olga.image)?.state === "accepted" ? true : undefined;
  });

  // The wide image: processed by the server without complaint; once she adds it to her profile
  // (the bot judges profile images), the bot rejects it.
  const wide = await olga.client.media.uploadImage(
    await generateBotImage(seededRandom(3), { width: 1280, height: 600 }),
  );
  await olga.client.media.setProfileContent({ images: [olga.image, wide] });
  const content = await afterEvents(olga.client, "media_content_changed", async () => {
    const own = await olga.client.media.content();
    return own.items.find((item) => item.content_id === wide)?.state === "rejected" ? own : undefined;
  });
  expect(content.items.find((item) => item.content_id === wide)).toMatchObject({
    state: "rejected",
    rejection: { category: "low_quality", details: "the image is longer than 2:1" },
    in_use: true,
  });
  // The bot logs its decision once the server has answered it (the owner may hear first).
  expect(await moderationBot.logs.waitFor("moderated", (line) => line.content_id === wide)).toMatchObject({
    accept: false,
    category: "low_quality",
    account_id: olga.client.accountId,
  });

  // It is out of the moderation queue (nothing is left for a human), and she cannot choose it again.
  const queue = await moderationBot.client.admin.mediaModerationQueue();
  expect(queue.items.map((item) => item.content_id)).not.toContain(wide);
  expect(
    (await refusal(olga.client.media.setProfileContent({ images: [wide] }), "content_not_usable")).status,
  ).toBe(409);

  // Ville, who sees her profile and accepted image, is never served the rejected one.
  expect((await ville.client.media.profileContent(olga.client.accountId)).images).toEqual([
    expect.objectContaining({ content_id: olga.image, state: "accepted" }),
  ]);
  expect(
    (await refusal(ville.client.media.contentFile(olga.client.accountId, wide), "not_found")).status,
  ).toBe(404);
  expect(moderationBot.logs.problems()).toEqual([]);
});
