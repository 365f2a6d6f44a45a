import { VenusError, type PublicKeyResponse } from "@venus/model";
import { currentKeyId } from "../chat-entities.js";
import type { ChatContext } from "../context.js";

/** Throws unless `armored` is an ASCII-armored OpenPGP key with no secret parts. */
async function checkPublicKey(armored: string): Promise<void> {
  // openpgp is large and only needed here: loaded on the first publication.
  const { readKey } = await import("openpgp");
  let isPrivate: boolean;
  try {
    isPrivate = (await readKey({ armoredKey: armored })).isPrivate();
  } catch (error) {
    throw new VenusError("public_key_invalid", `not an OpenPGP public key: ${(error as Error).message}`);
  }
  if (isPrivate)
    throw new VenusError("public_key_invalid", "that is a private key; publish only the public key");
}

/**
 * Publishes a new version of the account's public key; the last `chat.public_keys_kept` versions
 * stay fetchable, so messages signed with an older key can still be checked.
 */
export async function publishKey(ctx: ChatContext, accountId: string, armored: string): Promise<number> {
  const { chat } = ctx.config;
  if (Buffer.byteLength(armored) > chat.public_key_max_bytes)
    throw new VenusError("public_key_too_large", undefined, { limit_bytes: chat.public_key_max_bytes });
  await checkPublicKey(armored);
  const account = ctx.cache.account(accountId);
  const key = { keyId: currentKeyId(account) + 1, armored, publishedAt: ctx.now() };
  account.keys.push(key);
  if (account.keys.length > chat.public_keys_kept)
    account.keys.splice(0, account.keys.length - chat.public_keys_kept);
  const oldestKept = (account.keys[0] as typeof key).keyId;
  await ctx.writer.write(() =>
    ctx.statements.insertKey(
      { account_id: accountId, key_id: key.keyId, armored, published_at: key.publishedAt },
      oldestKept,
    ),
  );
  return key.keyId;
}

/**
 * A key of `ownerId` (the current one unless `keyId` names a kept version) for the owner or a
 * match; anyone else, and a pair where either blocked the other, gets `blocked_or_not_found`.
 */
export function publicKeyFor(
  ctx: ChatContext,
  viewerId: string,
  ownerId: string,
  keyId: number | undefined,
): PublicKeyResponse {
  const { cache } = ctx;
  const allowed =
    viewerId === ownerId ||
    (cache.conversation(viewerId, ownerId) && !cache.blockedEitherWay(viewerId, ownerId));
  if (!allowed) throw new VenusError("blocked_or_not_found");
  const keys = cache.accounts.get(ownerId)?.keys ?? [];
  const key = keyId === undefined ? keys.at(-1) : keys.find((k) => k.keyId === keyId);
  if (!key)
    throw new VenusError(
      "not_found",
      keyId === undefined ? "no public key published" : "no such key version",
    );
  return { account_id: ownerId, key_id: key.keyId, key: key.armored, published_at: key.publishedAt };
}
