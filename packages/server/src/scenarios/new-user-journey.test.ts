import { isVenusApiError, refusal, type VenusClient } from "@venus/bot-client";
import type { OwnProfile, ProfileView } from "@venus/model";
import { afterAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { botsFile, startModerationBot, type RunningBot } from "./steps/bots.js";
import { browsedIds, findBrowsing } from "./steps/browse.js";
import { ChatKeys, openpgpPair } from "./steps/chat-keys.js";
import { afterEvents } from "./steps/events.js";
import { CENTRE, north } from "./steps/places.js";
import { goPublicAt, prepareSetup, publicPerson, signUp, uniqueEmail } from "./steps/people.js";

/**
 * A new user's whole journey, every actor a bot-client: Aino registers, sets up, uploads a selfie and
 * a profile image, is moderated by the moderation bot, goes public, is found by Bruno browsing,
 * liked, likes back (a match), and they write to each other end to end encrypted with receipts
 * both ways, until Aino blocks Bruno.
 */

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

let moderationBot: RunningBot | undefined;
const people: VenusClient[] = [];
afterAll(async () => {
  await moderationBot?.stop();
  for (const client of people) await client.close();
});

/** Another account's profile as `viewer` sees it. */
async function viewOf(viewer: VenusClient, accountId: string): Promise<ProfileView> {
  const answer = await viewer.profile.get(accountId);
  if (answer.unchanged) throw new Error("asked without a version, got unchanged");
  return answer.profile;
}

test("register → setup → upload → moderated → public → found → like → match → messages with receipts → block", async () => {
  const { server } = fixture;
  // The moderation bot accepts clean images, names and texts (and leaves security selfies to people).
  moderationBot = await startModerationBot(
    server,
    botsFile({
      moderation: { accept_other_images: true, accept_other_texts: true, check_every_seconds: 3600 },
    }).moderation,
  );
  // Bruno is already here: public two kilometres north of the centre, looking for women.
  const bruno = await publicPerson(
    server.url,
    { name: "Bruno", gender: "man", lookingFor: ["woman"] },
    north(CENTRE, 2),
  );
  people.push(bruno.client);

  // Register: an account in initial_setup, without permissions and without a profile yet.
  const aino = await signUp(server.url, uniqueEmail("aino"));
  people.push(aino);
  expect(await aino.account.state()).toMatchObject({ state: "initial_setup", permissions: [] });
  expect((await refusal(aino.profile.me(), "invalid_state")).status).toBe(409);

  // Setup and uploads: the answers, a selfie and a profile image, then complete_setup.
  const { selfie, image } = await prepareSetup(aino, {
    name: "Aino",
    birthdate: "1996-02-29",
    gender: "woman",
    lookingFor: ["man"],
  });
  expect(await aino.account.completeSetup()).toMatchObject({ state: "normal", permissions: [] });
  // Her devices are told too (after the data-less sync event of the welcome).
  expect(await aino.next("account_state_changed", { predicate: (data) => data !== undefined })).toMatchObject(
    { state: "normal" },
  );
  const fresh = await aino.profile.me();
  expect(fresh).toMatchObject({
    visibility: "private",
    location: null,
    gender: "woman",
    wanted_genders: ["man"],
  });
  await aino.profile.edit({
    name: fresh.name.value,
    text: "Sauna, lakes and long walks.",
    age: fresh.age,
    gender: fresh.gender,
    wanted_genders: fresh.wanted_genders,
    wanted_age: fresh.wanted_age,
    unlimited_likes: fresh.unlimited_likes,
  });

  // Moderated by the moderation bot: the name, the text and the profile image are accepted and
  // Aino is told by events.
  const moderated: OwnProfile = await afterEvents(aino, "profile_changed", async () => {
    const me = await aino.profile.me();
    return me.name.state === "accepted" && me.text.state === "accepted" ? me : undefined;
  });
  expect(moderated).toMatchObject({
    name: { value: "Aino", state: "accepted" },
    text: { value: "Sauna, lakes and long walks.", state: "accepted" },
  });
  const content = await afterEvents(aino, "media_content_changed", async () => {
    const own = await aino.media.content();
    return own.items.find((item) => item.content_id === image)?.state === "accepted" ? own : undefined;
  });
  // The selfie is an image like any other when it is uploaded, so the bot has usually judged it
  // before it was chosen as the selfie (the bot leaves only what is the selfie when it looks to
  // people): accepted or still waiting, never rejected. Either way nobody else is ever served it.
  expect(["accepted", "waiting"]).toContain(content.items.find((item) => item.content_id === selfie)?.state);

  // Public, at the centre.
  await goPublicAt(aino, CENTRE);

  // Found by Bruno browsing, two kilometres away, with the accepted name, text and image.
  expect(await findBrowsing(bruno.client, aino.accountId)).toMatchObject({ distance_km: 2 });
  expect(await viewOf(bruno.client, aino.accountId)).toMatchObject({
    name: "Aino",
    text: "Sauna, lakes and long walks.",
    gender: "woman",
    distance_km: 2,
  });
  const shown = await bruno.client.media.profileContent(aino.accountId);
  expect(shown.images).toEqual([expect.objectContaining({ content_id: image, state: "accepted" })]);
  expect(shown).not.toHaveProperty("security_selfie");
  const file = await bruno.client.media.contentFile(aino.accountId, image);
  expect(file.bytes.subarray(0, 2).toString("hex")).toBe("ffd8");
  expect((await refusal(bruno.client.media.contentFile(aino.accountId, selfie), "not_found")).status).toBe(
    404,
  );
  // …and she finds him.
  expect(await findBrowsing(aino, bruno.client.accountId)).toMatchObject({ distance_km: 2 });

  // Like: Bruno likes Aino, she is told, likes back, and both get the match.
  expect(await bruno.client.chat.like(aino.accountId)).toMatchObject({ matched: false });
  expect(await aino.next("like_received")).toMatchObject({ account_id: bruno.client.accountId });
  expect((await aino.chat.receivedLikes()).likes.map((like) => like.account_id)).toEqual([
    bruno.client.accountId,
  ]);
  expect(await aino.chat.like(bruno.client.accountId)).toMatchObject({ matched: true });
  expect(await aino.next("match")).toMatchObject({ account_id: bruno.client.accountId });
  expect(await bruno.client.next("match")).toMatchObject({ account_id: aino.accountId });
  expect((await bruno.client.chat.matches()).matches.map((match) => match.account_id)).toEqual([
    aino.accountId,
  ]);

  // Keys: each publishes an OpenPGP public key; a match may fetch the other's.
  const ainoKeys = await ChatKeys.publish(aino, await openpgpPair("Aino"));
  const brunoKeys = await ChatKeys.publish(bruno.client, await openpgpPair("Bruno"));

  // Aino → Bruno: delivered when his device stores it, seen when he reads it.
  const first = await ainoKeys.send(bruno.client.accountId, "Hei Bruno! Coffee by the lake?");
  expect(first.number).toBe(1);
  const atBruno = await bruno.client.next("new_message", { predicate: (m) => m.uuid === first.uuid });
  expect(atBruno).toMatchObject({ sender: aino.accountId, recipient: bruno.client.accountId, number: 1 });
  expect(await brunoKeys.read(atBruno)).toBe("Hei Bruno! Coffee by the lake?");
  await bruno.client.chat.ackEnvelopes([atBruno]);
  expect(await aino.next("delivered")).toEqual({
    receipts: [
      { recipient: bruno.client.accountId, uuid: first.uuid, number: 1, delivered_at: expect.any(Number) },
    ],
  });
  await bruno.client.chat.seen({ account_id: aino.accountId, number: 1 });
  expect(await aino.next("seen")).toEqual({ account_id: bruno.client.accountId, number: 1 });
  await aino.chat.sentAck([first.uuid]);
  await aino.chat.seenAck({ account_id: bruno.client.accountId, number: 1 });

  // Bruno → Aino, her acknowledgement and read going over the WebSocket: the same receipts back.
  const reply = await brunoKeys.send(aino.accountId, "Gladly. Saturday at ten?");
  expect(reply.number).toBe(2);
  const atAino = await aino.next("new_message", { predicate: (m) => m.uuid === reply.uuid });
  expect(await ainoKeys.read(atAino)).toBe("Gladly. Saturday at ten?");
  await aino.chat.ackEnvelopes([atAino], { via: "ws" });
  expect(await bruno.client.next("delivered")).toEqual({
    receipts: [{ recipient: aino.accountId, uuid: reply.uuid, number: 2, delivered_at: expect.any(Number) }],
  });
  await aino.chat.seen({ account_id: bruno.client.accountId, number: 2 }, { via: "ws" });
  expect(await bruno.client.next("seen")).toEqual({ account_id: aino.accountId, number: 2 });
  await bruno.client.chat.sentAck([reply.uuid], { via: "ws" });
  await bruno.client.chat.seenAck({ account_id: aino.accountId, number: 2 }, { via: "ws" });
  // Everything acknowledged: nothing waits on either side.
  for (const client of [aino, bruno.client]) {
    expect(await client.chat.receipts()).toEqual({ delivered: [], seen: [] });
    expect(await client.chat.pending()).toMatchObject({ messages: [] });
  }

  // Block: Aino blocks Bruno. Messaging either way is the answer for an unknown account, and
  // neither finds nor sees the other any more.
  aino.events.drain((event) => event.event === "matches_changed");
  expect(await aino.chat.block(bruno.client.accountId)).toEqual({ account_ids: [bruno.client.accountId] });
  await aino.next("matches_changed");
  const blockedOrNotFound = (error: unknown) => isVenusApiError(error, "blocked_or_not_found");
  for (const [from, to] of [
    [brunoKeys, ainoKeys],
    [ainoKeys, brunoKeys],
  ] as const) {
    const sending = await refusal(from.sendBlind(to.client.accountId, to.keyId), "blocked_or_not_found");
    expect(sending.status).toBe(404);
    // Nor can either fetch the other's key to encrypt to.
    await expect(from.send(to.client.accountId, "Still there?")).rejects.toSatisfy(blockedOrNotFound);
    expect(await browsedIds(from.client)).not.toContain(to.client.accountId);
    expect((await refusal(from.client.profile.get(to.client.accountId), "not_found")).status).toBe(404);
    expect((await from.client.chat.matches()).matches).toEqual([]);
  }
  expect(moderationBot.logs.problems()).toEqual([]);
}, 30_000);
