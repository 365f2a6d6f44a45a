import type { PushKind } from "@venus/model";
import type { MediaContext } from "../context.js";
import { contentToRow, mediaAccountToRow, type Content, type MediaAccount } from "../media-entities.js";

/**
 * Commits a change of an account's media: bumps its version, writes the account row and the changed
 * content rows in one transaction, then tells the owner's devices (`media_content_changed`; `push`: and
 * queues that push in the same commit). The caller has already changed the cache.
 */
export async function saveMedia(
  ctx: MediaContext,
  account: MediaAccount,
  changed: readonly Content[] = [],
  push?: PushKind,
): Promise<void> {
  account.version++;
  account.editedAt = ctx.now();
  const accountRow = mediaAccountToRow(account);
  const contentRows = changed.map(contentToRow);
  await ctx.writer.write(() => {
    ctx.statements.saveAccount(accountRow);
    for (const row of contentRows) ctx.statements.saveContent(row);
    if (push) ctx.push.record(account.accountId, push);
  });
  ctx.connections.publish(account.accountId, "media_content_changed", { version: account.version });
}
