import type { PublicKeyResponse } from "@venus/model";
import { randomUUID } from "node:crypto";
import { generateKey } from "openpgp";
import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import {
  createChatUser,
  like,
  matchedPair,
  nextEvent,
  nextMessage,
  send,
  sendOk,
  testPublicKey,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  closeAll,
  createProfileUser,
  expectNoFrames,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const KEYS_KEPT = 2;
/** Above a test key (~790 bytes armored), so one padded to exactly the limit is still a key. */
const KEY_MAX_BYTES = 1024;

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    chat: { public_keys_kept: KEYS_KEPT, public_key_max_bytes: KEY_MAX_BYTES },
  },
});

const publish = (user: ProfileUser, key: unknown) =>
  as(fixture.server, user).put<{ key_id: number }>("/chat/public_key", { key });

async function publishOk(user: ProfileUser, key: string): Promise<number> {
  const reply = await publish(user, key);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(Object.keys(reply.body)).toEqual(["key_id"]);
  return reply.body.key_id;
}

function fetchKey(viewer: ProfileUser, owner: string, keyId?: number | string) {
  const query = keyId === undefined ? "" : `?key_id=${keyId}`;
  return as(fixture.server, viewer).get<PublicKeyResponse>(`/chat/public_key/${owner}${query}`);
}

/**
 * The armored key with a `Comment:` armor header that makes it exactly `bytes` bytes of UTF-8: as
 * many `fill` characters as fit, then ASCII `x` for the rest. Armor headers do not change the key.
 */
function paddedKey(armored: string, bytes: number, fill = "x"): string {
  const [first, ...rest] = armored.split("\n");
  const bare = [first, "Comment: ", ...rest].join("\n");
  const missing = bytes - Buffer.byteLength(bare);
  if (missing < 0) throw new Error(`the key is already ${Buffer.byteLength(bare)} bytes`);
  const fillBytes = Buffer.byteLength(fill);
  const comment = fill.repeat(Math.floor(missing / fillBytes)) + "x".repeat(missing % fillBytes);
  const padded = [first, `Comment: ${comment}`, ...rest].join("\n");
  expect(Buffer.byteLength(padded)).toBe(bytes);
  return padded;
}

describe("publishing and fetching keys", () => {
  test(`versions 1, 2, 3 …: the current one and the last ${KEYS_KEPT} by ?key_id=; older ones 404 not_found`, async () => {
    const owner = await createProfileUser(fixture.server);
    const none = await fetchKey(owner, owner.accountId);
    expectError(none, 404, "not_found");
    expectError(await fetchKey(owner, owner.accountId, 1), 404, "not_found");

    const keys = [await testPublicKey(0), await testPublicKey(1), await testPublicKey(2)];
    const published: { keyId: number; from: number; to: number }[] = [];
    for (const key of keys) {
      const from = Date.now();
      const keyId = await publishOk(owner, key);
      published.push({ keyId, from, to: Date.now() });
      const current = await fetchKey(owner, owner.accountId);
      expect(current.status).toBe(200);
      expect(current.body).toEqual({
        account_id: owner.accountId,
        key_id: keyId,
        key,
        published_at: expect.any(Number),
      });
      expect(current.body.published_at).toBeGreaterThanOrEqual(from);
      expect(current.body.published_at).toBeLessThanOrEqual(Date.now());
      if (keyId === 2) {
        const first = await fetchKey(owner, owner.accountId, 1);
        expect(first.body).toMatchObject({ key_id: 1, key: keys[0] });
      }
    }
    expect(published.map((p) => p.keyId)).toEqual([1, 2, 3]);

    // Kept: 2 and 3; 1 is gone.
    expectError(await fetchKey(owner, owner.accountId, 1), 404, "not_found");
    const kept = await fetchKey(owner, owner.accountId, 2);
    expect(kept.body).toEqual({
      account_id: owner.accountId,
      key_id: 2,
      key: keys[1],
      published_at: expect.any(Number),
    });
    expect(kept.body.published_at).toBeGreaterThanOrEqual(published[1]?.from as number);
    expect(kept.body.published_at).toBeLessThanOrEqual(published[1]?.to as number);
    expect((await fetchKey(owner, owner.accountId, 3)).body).toEqual(
      (await fetchKey(owner, owner.accountId)).body,
    );
    expectError(await fetchKey(owner, owner.accountId, 4), 404, "not_found");
    expectError(await fetchKey(owner, owner.accountId, "abc"), 400, "validation_failed");
    // The same key again is just another version.
    expect(await publishOk(owner, keys[2] as string)).toBe(4);
    expectError(await fetchKey(owner, owner.accountId, 2), 404, "not_found");
    closeAll([owner]);
  });

  test("a match fetches the other's keys; anyone else gets 404 blocked_or_not_found, as for an account that does not exist", async () => {
    const [a, b] = await matchedPair(fixture.server);
    const stranger = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    // A like is not a match.
    expect((await like(fixture.server, stranger, a)).status).toBe(200);
    await nextEvent(a, "like_received");

    const ofA = await fetchKey(b, a.accountId);
    expect(ofA.status).toBe(200);
    expect(ofA.body).toEqual({
      account_id: a.accountId,
      key_id: a.keyId,
      key: await testPublicKey(0),
      published_at: expect.any(Number),
    });
    expect((await fetchKey(b, a.accountId, a.keyId)).body).toEqual(ofA.body);
    expect((await fetchKey(a, b.accountId)).status).toBe(200);

    const ghost = await fetchKey(stranger, randomUUID());
    expectError(ghost, 404, "blocked_or_not_found");
    for (const [viewer, owner] of [
      [stranger, a],
      [a, stranger],
      [stranger, b],
    ] as const) {
      for (const keyId of [undefined, 1, 99]) {
        const refused = await fetchKey(viewer, owner.accountId, keyId);
        expectError(refused, 404, "blocked_or_not_found");
        expect(refused.body).toEqual(ghost.body);
      }
    }
    closeAll([a, b, stranger]);
  });
});

describe("what may be published", () => {
  test(`at most chat.public_key_max_bytes (${KEY_MAX_BYTES}) UTF-8 bytes: exactly that passes the size check, one byte more is 413 public_key_too_large`, async () => {
    const owner = await createChatUser(fixture.server);
    const key = await testPublicKey(1);

    // Not keys: at the limit the size passes and the parse fails; one byte more fails the size check.
    expectError(await publish(owner, "a".repeat(KEY_MAX_BYTES)), 422, "public_key_invalid");
    expectError(await publish(owner, "a".repeat(KEY_MAX_BYTES + 1)), 413, "public_key_too_large");
    // Bytes, not characters: 512 two-byte characters are at the limit, one more ASCII character is over.
    expectError(await publish(owner, "é".repeat(KEY_MAX_BYTES / 2)), 422, "public_key_invalid");
    const overByBytes = "é".repeat(KEY_MAX_BYTES / 2) + "a";
    expect(overByBytes.length).toBeLessThan(KEY_MAX_BYTES);
    expectError(await publish(owner, overByBytes), 413, "public_key_too_large");

    // A real key padded to one byte over, in ASCII and in two-byte characters (fewer characters than the limit).
    expectError(await publish(owner, paddedKey(key, KEY_MAX_BYTES + 1)), 413, "public_key_too_large");
    const wide = paddedKey(key, KEY_MAX_BYTES + 1, "é");
    expect(wide.length).toBeLessThan(KEY_MAX_BYTES);
    expectError(await publish(owner, wide), 413, "public_key_too_large");

    // Exactly at the limit: published, stored as given; none of the refusals used up a key id.
    const atLimit = paddedKey(key, KEY_MAX_BYTES);
    expect(await publishOk(owner, atLimit)).toBe(owner.keyId + 1);
    const current = await fetchKey(owner, owner.accountId);
    expect(current.body).toMatchObject({ key_id: owner.keyId + 1, key: atLimit });
    closeAll([owner]);
  });

  test("garbage, a truncated key or a PRIVATE key: 422 public_key_invalid; empty or missing: 400 validation_failed", async () => {
    const owner = await createChatUser(fixture.server);
    const pair = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "venus private" }],
    });
    const publicKey = pair.publicKey;
    expect(await publishOk(owner, publicKey)).toBe(owner.keyId + 1);

    const invalid = [
      "not a key at all",
      publicKey.slice(0, Math.floor(publicKey.length / 2)),
      publicKey.replace("PUBLIC KEY BLOCK", "MESSAGE"),
      pair.privateKey,
    ];
    for (const key of invalid) expectError(await publish(owner, key), 422, "public_key_invalid");
    for (const body of [{ key: "" }, {}, { key: 7 }, { key: publicKey, extra: 1 }])
      expectError(await as(fixture.server, owner).put("/chat/public_key", body), 400, "validation_failed");

    // Nothing of it was published: the current key is the one published before.
    expect((await fetchKey(owner, owner.accountId)).body).toMatchObject({
      key_id: owner.keyId + 1,
      key: publicKey,
    });
    closeAll([owner]);
  });
});

describe("sending needs both current key ids", () => {
  test("a stale recipient_key_id, then a stale sender_key_id: 409 public_key_outdated; the same UUID with the current ids is sent", async () => {
    const [a, b] = await matchedPair(fixture.server);
    const bNew = await publishOk(b, await testPublicKey(1));
    expect(bNew).toBe(b.keyId + 1);

    const uuid = randomUUID();
    const stale = await send(fixture.server, a, b, "to b's old key", { uuid });
    expectError(stale, 409, "public_key_outdated");
    expect(stale.body).toMatchObject({
      error: { details: { field: "recipient_key_id", current_key_id: bNew } },
    });
    const ahead = await send(fixture.server, a, b, "to a key b never had", { recipientKeyId: bNew + 1 });
    expectError(ahead, 409, "public_key_outdated");
    await expectNoFrames(b.ws);
    const sent = await sendOk(fixture.server, a, b, "to b's new key", { uuid, recipientKeyId: bNew });
    expect(sent).toEqual({ uuid, number: 1, sent_at: expect.any(Number) });
    expect(await nextMessage(b)).toMatchObject({
      uuid,
      number: 1,
      sender_key_id: a.keyId,
      recipient_key_id: bNew,
    });

    const aNew = await publishOk(a, await testPublicKey(2));
    const uuid2 = randomUUID();
    const staleSender = await send(fixture.server, a, b, "from a's old key", {
      uuid: uuid2,
      recipientKeyId: bNew,
    });
    expectError(staleSender, 409, "public_key_outdated");
    expect(staleSender.body).toMatchObject({
      error: { details: { field: "sender_key_id", current_key_id: aNew } },
    });
    expectError(
      await send(fixture.server, a, b, "from a key a never had", {
        senderKeyId: aNew + 1,
        recipientKeyId: bNew,
      }),
      409,
      "public_key_outdated",
    );
    await expectNoFrames(b.ws);
    const second = await sendOk(fixture.server, a, b, "from a's new key", {
      uuid: uuid2,
      senderKeyId: aNew,
      recipientKeyId: bNew,
    });
    expect(second.number).toBe(2);
    expect(await nextMessage(b)).toMatchObject({
      uuid: uuid2,
      number: 2,
      sender_key_id: aNew,
      recipient_key_id: bNew,
    });
    // b can still fetch the key a signed the first message with.
    expect((await fetchKey(b, a.accountId, a.keyId)).body).toMatchObject({ key_id: a.keyId });
    await expectNoFrames(a.ws);
    await expectNoFrames(b.ws);
    closeAll([a, b]);
  });
});
