import { BotLogin, refusal, type VenusClient } from "@venus/bot-client";
import { afterAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { browsedIds } from "./steps/browse.js";
import { CENTRE, north } from "./steps/places.js";
import { goPublicAt, prepareSetup, publicPerson, signUp, uniqueEmail } from "./steps/people.js";

/**
 * Accounts in initial_setup are never listed nor viewable. They cannot even get into the listing:
 * the profile (with its location and visibility) exists only once setup is complete, so the
 * location and visibility routes refuse them; everything about them answers like an unknown account.
 */

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const clients: VenusClient[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
});

/** What an account that exists only in setup looks like from `viewer`: nothing at all. */
async function expectInvisible(viewer: VenusClient, accountId: string, images: string[]): Promise<void> {
  expect(await browsedIds(viewer)).not.toContain(accountId);
  expect((await refusal(viewer.profile.get(accountId), "not_found")).status).toBe(404);
  expect((await refusal(viewer.media.profileContent(accountId), "not_found")).status).toBe(404);
  for (const image of images)
    expect((await refusal(viewer.media.contentFile(accountId, image), "not_found")).status).toBe(404);
  expect((await refusal(viewer.chat.like(accountId), "blocked_or_not_found")).status).toBe(404);
  expect((await refusal(viewer.profile.addFavorite(accountId), "not_found")).status).toBe(404);
}

test("a person and a bot in initial_setup are never listed nor viewable; once set up and public they are", async () => {
  const { server } = fixture;
  // Vera is public at the centre and wants everyone, so only the rule can hide anyone from her.
  const vera = await publicPerson(
    server.url,
    { name: "Vera", gender: "woman", lookingFor: ["man", "woman", "non_binary"] },
    CENTRE,
  );
  clients.push(vera.client);

  // Sami answers the setup and chooses his images, but has not completed setup.
  const sami = await signUp(server.url, uniqueEmail("sami"));
  clients.push(sami);
  const { selfie, image } = await prepareSetup(sami, { name: "Sami", gender: "man", lookingFor: ["woman"] });
  expect((await sami.account.state()).state).toBe("initial_setup");

  // He cannot put himself on the map: no profile yet, so no location, visibility or browsing.
  for (const call of [
    () => sami.profile.setLocation(north(CENTRE, 1)),
    () => sami.profile.setVisibility("public"),
    () => sami.profile.browseReset(),
    () => sami.profile.me(),
  ])
    expect((await refusal(call(), "invalid_state")).status).toBe(409);
  await expectInvisible(vera.client, sami.accountId, [image, selfie]);

  // A bot in initial_setup (fresh from the local bot listener) is just as invisible.
  const bot = await BotLogin.localClient(server.url, server.botUrl);
  clients.push(bot);
  expect((await bot.account.state()).state).toBe("initial_setup");
  expect((await refusal(bot.profile.setLocation(CENTRE), "invalid_state")).status).toBe(409);
  await expectInvisible(vera.client, bot.accountId, []);

  // Once Sami completes setup he has a private profile: still not listed (no location, private)…
  expect(await sami.account.completeSetup()).toMatchObject({ state: "normal" });
  expect(await browsedIds(vera.client)).not.toContain(sami.accountId);
  // …and public at a point, he is.
  await goPublicAt(sami, north(CENTRE, 1));
  expect(await browsedIds(vera.client)).toContain(sami.accountId);
  expect(await vera.client.profile.get(sami.accountId)).toMatchObject({ unchanged: false });
});
