import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  BotLogin,
  VenusClient,
  distanceKm,
  runUserBot,
  seededRandom,
  type GeoPoint,
} from "@venus/bot-client";
import { BotsFile, type Gender, type MessageEnvelope } from "@venus/model";
import { createLogger, loadConfig } from "@venus/simple-backend";
import {
  createMessage,
  decrypt,
  encrypt,
  generateKey,
  readKey,
  readMessage,
  readPrivateKey,
  type PrivateKey,
} from "openpgp";
import { stringify } from "smol-toml";
import { beforeAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { smallJpeg } from "../testing/media-flow.js";
import { north, sleep } from "../testing/profile-flow.js";
import { prepareSetup } from "../scenarios/steps/people.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const CENTRE: GeoPoint = { latitude: 61.4978, longitude: 23.761 };
const RADIUS_KM = 5;
const REPLY = "Hei! I am the test bot.";
const TEMPLATE = {
  names: ["Bella"],
  texts: ["A bot who answers everything."],
  age_min: 25,
  age_max: 30,
  genders: ["woman"],
  looking_for: ["man"],
  attributes: { "1": [3] },
};

/** The bots config file as `venus bot` reads it: TOML, defaults filled in, validated. */
function writeAndLoadBotsFile(dataDir: string): BotsFile {
  const file = join(dataDir, "bots.toml");
  writeFileSync(
    file,
    stringify({
      users: { ...CENTRE, radius_km: RADIUS_KM, act_every_seconds: 0.2, reply: REPLY },
      profiles: [TEMPLATE],
    }),
  );
  return loadConfig({ schema: BotsFile, file, envPrefix: "VENUS_NONE__", env: {} });
}

/** A person, set up with the client: a profile at `point` (public or not) and an OpenPGP key pair. */
interface Person {
  client: VenusClient;
  privateKey: PrivateKey;
  keyId: number;
}

async function person(point: GeoPoint, visibility: "public" | "private", gender: Gender = "man") {
  const client = await VenusClient.signUp(fixture.server.url, uniqueEmail("user-bot"), PASSWORD);
  await prepareSetup(
    client,
    { name: "Matti", birthdate: "1995-03-03", gender, lookingFor: ["woman"] },
    await smallJpeg(),
  );
  expect(await client.account.completeSetup()).toMatchObject({ state: "normal" });
  await client.profile.setLocation(point);
  if (visibility === "public") await client.profile.setVisibility("public");
  const pair = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ name: "person" }] });
  const { key_id } = await client.chat.publishKey(pair.publicKey);
  client.events.clear();
  return { client, privateKey: await readPrivateKey({ armoredKey: pair.privateKey }), keyId: key_id };
}

/** `from` sends `text` to the bot, encrypted to the bot's current key; the send answer. */
async function sendToBot(from: Person, botId: string, text: string) {
  const botKey = await from.client.chat.publicKey(botId);
  const body = await encrypt({
    message: await createMessage({ text }),
    encryptionKeys: await readKey({ armoredKey: botKey.key }),
    signingKeys: from.privateKey,
    format: "binary",
  });
  const uuid = randomUUID();
  const sent = await from.client.chat.send({
    recipient: botId,
    uuid,
    sender_key_id: from.keyId,
    recipient_key_id: botKey.key_id,
    body: Buffer.from(body).toString("base64"),
  });
  return { ...sent, uuid };
}

/** The body of an envelope from the bot, decrypted with `to`'s key and verified with the bot's key `keyId`. */
async function readFromBot(to: Person, envelope: MessageEnvelope): Promise<string> {
  const botKey = await to.client.chat.publicKey(envelope.sender, { keyId: envelope.sender_key_id });
  const { data } = await decrypt({
    message: await readMessage({ binaryMessage: Buffer.from(envelope.body, "base64") }),
    decryptionKeys: to.privateKey,
    verificationKeys: await readKey({ armoredKey: botKey.key }),
    expectSigned: true,
  });
  return data;
}

/** Polls `check` until it returns something other than undefined. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let settings: BotsFile;
/** Everything the bots logged at warn or above (each a JSON line). */
const warnings: string[] = [];
const log = createLogger("warn", "user-bot-test", { write: (line: string) => void warnings.push(line) });

beforeAll(() => {
  settings = writeAndLoadBotsFile(fixture.server.dataDir);
});

test("a user bot sets itself up, is found, likes back, answers messages, stops on abort and restarts with a new key", async () => {
  const { server } = fixture;
  // Chatty is private, so the bot cannot find it: it sees Chatty only through Chatty's like.
  // Browsy is public near the centre: the bot finds it browsing and likes it.
  const [chatty, browsy] = await Promise.all([person(CENTRE, "private"), person(north(CENTRE, 1), "public")]);

  const bot = await BotLogin.localClient(server.url, server.botUrl);
  expect((await bot.account.state()).state).toBe("initial_setup");
  const controller = new AbortController();
  const running = runUserBot(bot, {
    index: 0,
    settings,
    log,
    signal: controller.signal,
    random: seededRandom(42),
  });

  // Set up, public, near the centre.
  expect(await browsy.client.next("like_received", { timeoutMs: 15_000 })).toMatchObject({
    account_id: bot.accountId,
  });
  expect(await bot.account.state()).toMatchObject({ state: "normal" });
  const profile = await bot.profile.me();
  expect(profile).toMatchObject({
    name: { value: "Bella" },
    text: { value: TEMPLATE.texts[0] },
    gender: "woman",
    wanted_genders: ["man"],
    attributes: TEMPLATE.attributes,
    visibility: "public",
  });
  expect(profile.age).toBeGreaterThanOrEqual(25);
  expect(profile.age).toBeLessThanOrEqual(30);
  expect(distanceKm(CENTRE, profile.location as GeoPoint)).toBeLessThanOrEqual(RADIUS_KM);
  const media = await bot.media.content();
  expect(media.items).toHaveLength(2);
  for (const { sizes } of media.items)
    expect(Math.min(sizes[0]?.width ?? 0, sizes[0]?.height ?? 0)).toBeGreaterThanOrEqual(512);

  // Chatty finds the bot browsing, near the centre.
  const { session_id } = await chatty.client.profile.browseReset();
  const { profiles } = await chatty.client.profile.browseNext(session_id);
  const found = profiles.find((item) => item.account_id === bot.accountId);
  expect(found?.distance_km).toBeLessThanOrEqual(RADIUS_KM);

  // Chatty likes the bot; the bot likes back: a match.
  expect(await chatty.client.chat.like(bot.accountId)).toMatchObject({ matched: false });
  expect(await chatty.client.next("match")).toMatchObject({ account_id: bot.accountId });

  // Chatty writes; the bot acknowledges (delivered), answers (encrypted to Chatty) and reads (seen).
  const firstKey = (await chatty.client.chat.publicKey(bot.accountId)).key_id;
  const sent = await sendToBot(chatty, bot.accountId, "Hello bot!");
  await chatty.client.chat.sentAck([sent.uuid]);
  const delivered = await chatty.client.next("delivered");
  expect(delivered.receipts).toMatchObject([{ recipient: bot.accountId, uuid: sent.uuid }]);
  const reply = await chatty.client.next("new_message");
  expect(reply).toMatchObject({
    sender: bot.accountId,
    number: sent.number + 1,
    sender_key_id: firstKey,
    recipient_key_id: chatty.keyId,
  });
  expect(await readFromBot(chatty, reply)).toBe(REPLY);
  expect(await chatty.client.next("seen")).toEqual({ account_id: bot.accountId, number: sent.number });
  await chatty.client.chat.sentAck([sent.uuid]);
  await chatty.client.chat.seenAck({ account_id: bot.accountId, number: sent.number });

  // Chatty stores and reads the reply: the bot acknowledges both receipts, leaving none.
  await chatty.client.chat.ackEnvelopes([reply]);
  await chatty.client.chat.seen({ account_id: bot.accountId, number: reply.number });
  await eventually("the bot's receipt acknowledgements", async () => {
    const receipts = await bot.chat.receipts();
    return receipts.delivered.length === 0 && receipts.seen.length === 0 ? true : undefined;
  });

  // Abort: the bot stops at once and leaves its socket open and usable.
  const stopping = Date.now();
  controller.abort();
  await running;
  expect(Date.now() - stopping).toBeLessThan(1000);
  expect(bot.connected).toBe(true);
  expect((await bot.account.state()).state).toBe("normal");
  const unanswered = await sendToBot(chatty, bot.accountId, "Are you there?");
  await sleep(1000); // five ticks of a running bot
  expect((await bot.chat.pending()).messages.map((message) => message.uuid)).toEqual([unanswered.uuid]);
  expect(
    chatty.client.events.queued().filter((event) => ["delivered", "new_message"].includes(event.event)),
  ).toEqual([]);

  // A restarted bot keeps its profile, publishes a new key and answers what waited.
  const { version } = await bot.profile.me();
  const again = new AbortController();
  const restarted = runUserBot(bot, { index: 0, settings, log, signal: again.signal });
  const late = await chatty.client.next("new_message");
  expect(late).toMatchObject({ sender: bot.accountId, sender_key_id: firstKey + 1 });
  expect(await readFromBot(chatty, late)).toBe(REPLY);
  expect(await chatty.client.next("delivered")).toMatchObject({
    receipts: [{ uuid: unanswered.uuid }],
  });
  expect((await bot.profile.me()).version).toBe(version);
  again.abort();
  await restarted;

  expect(await bot.close()).toMatchObject({ code: 1000 });
  await Promise.all([chatty.client.close(), browsy.client.close()]);
  expect(warnings).toEqual([]);
}, 30_000);
