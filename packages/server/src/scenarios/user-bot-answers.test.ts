import type { VenusClient } from "@venus/bot-client";
import { afterAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { botsFile, startUserBot, type RunningBot } from "./steps/bots.js";
import { findBrowsing } from "./steps/browse.js";
import { ChatKeys, openpgpPair } from "./steps/chat-keys.js";
import { CENTRE } from "./steps/places.js";
import { privatePerson } from "./steps/people.js";

/**
 * A user bot answers a person: the bot (signed in on the local bot listener, run by runUserBot)
 * sets itself up near the centre and goes public; Matti finds it, likes it, the bot likes back (a
 * match), Matti writes end to end encrypted, and the bot's reply decrypts to the configured text.
 */

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const REPLY = "Hi! I am the scenario bot and I answer everything.";
const SETTINGS = botsFile({
  users: { ...CENTRE, radius_km: 3, act_every_seconds: 0.2, reply: REPLY },
  profiles: [
    {
      names: ["Bella"],
      texts: ["A bot who always answers."],
      age_min: 25,
      age_max: 30,
      genders: ["woman"],
      looking_for: ["man"],
      attributes: {},
    },
  ],
});

let bot: RunningBot | undefined;
const clients: VenusClient[] = [];
afterAll(async () => {
  await bot?.stop();
  for (const client of clients) await client.close();
});

test("a person likes a user bot, gets a match, writes, and the bot's encrypted reply is the configured one", async () => {
  const { server } = fixture;
  const userBot = await startUserBot(server, SETTINGS);
  bot = userBot;
  // Matti is private (so the bot cannot find and like him first) but has a location to browse from.
  const matti = await privatePerson(
    server.url,
    { name: "Matti", gender: "man", lookingFor: ["woman"] },
    CENTRE,
  );
  clients.push(matti.client);
  const mattiKeys = await ChatKeys.publish(matti.client, await openpgpPair("Matti"));
  await userBot.ready;

  // Matti finds the bot near the centre and likes it; the bot likes back at once: a match.
  const found = await findBrowsing(matti.client, userBot.client.accountId);
  expect(found?.distance_km).toBeLessThanOrEqual(3);
  expect(await matti.client.chat.like(userBot.client.accountId)).toMatchObject({ matched: false });
  expect(await matti.client.next("match")).toMatchObject({ account_id: userBot.client.accountId });

  // Matti writes; the bot stores it (delivered), answers encrypted to Matti's key, and reads it (seen).
  const sent = await mattiKeys.send(userBot.client.accountId, "Hello bot, how are you?");
  const reply = await matti.client.next("new_message", {
    predicate: (message) => message.sender === userBot.client.accountId,
  });
  expect(reply).toMatchObject({
    recipient: matti.client.accountId,
    number: sent.number + 1,
    recipient_key_id: mattiKeys.keyId,
  });
  expect(await mattiKeys.read(reply)).toBe(REPLY);
  expect(await matti.client.next("delivered")).toMatchObject({
    receipts: [{ recipient: userBot.client.accountId, uuid: sent.uuid, number: sent.number }],
  });
  expect(await matti.client.next("seen")).toEqual({
    account_id: userBot.client.accountId,
    number: sent.number,
  });

  // Matti stores and reads the reply; the bot takes both receipts, so nothing is left waiting for it.
  await matti.client.chat.ackEnvelopes([reply]);
  await matti.client.chat.seen({ account_id: userBot.client.accountId, number: reply.number });
  await matti.client.chat.sentAck([sent.uuid]);
  await matti.client.chat.seenAck({ account_id: userBot.client.accountId, number: sent.number });
  expect(await matti.client.chat.receipts()).toEqual({ delivered: [], seen: [] });
  expect(userBot.logs.problems()).toEqual([]);
});
