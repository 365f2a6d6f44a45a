import { type SeenReceipt, type SeenRequest, invalidField } from "@venus/model";
import type { ChatContext } from "../context.js";
import { getOrCreate } from "../get-or-create.js";
import { openConversation } from "./conversation-access.js";

/**
 * The reader has read the conversation with `account_id` up to `number`. When the reader shares read
 * receipts, the other side gets `seen` and the latest number is stored until it acknowledges it;
 * otherwise nothing is stored or sent.
 */
export async function markSeen(ctx: ChatContext, readerId: string, request: SeenRequest): Promise<void> {
  const senderId = request.account_id;
  const conversation = openConversation(ctx, readerId, senderId);
  if (request.number > conversation.lastNumber)
    throw invalidField("number", `the conversation's latest is ${conversation.lastNumber}`);
  if (!ctx.cache.account(readerId).settings.readReceipts) return;
  const pending = getOrCreate(ctx.cache.seenReceipts, senderId, () => new Map<string, number>());
  if ((pending.get(readerId) ?? 0) >= request.number) return;
  pending.set(readerId, request.number);
  await ctx.writer.write(() =>
    ctx.statements.saveSeenReceipt({ sender: senderId, reader: readerId, number: request.number }),
  );
  ctx.connections.publish(senderId, "seen", { account_id: readerId, number: request.number });
}

/** The sender has the read receipt of `account_id` up to `number`: it is deleted. */
export async function acknowledgeSeen(
  ctx: ChatContext,
  senderId: string,
  request: SeenRequest,
): Promise<number> {
  const pending = ctx.cache.seenReceipts.get(senderId);
  const stored = pending?.get(request.account_id);
  if (pending === undefined || stored === undefined || stored > request.number) return 0;
  pending.delete(request.account_id);
  if (pending.size === 0) ctx.cache.seenReceipts.delete(senderId);
  await ctx.writer.write(() => ctx.statements.deleteSeenReceipt(senderId, request.account_id));
  return 1;
}

export function seenReceipts(ctx: ChatContext, senderId: string): SeenReceipt[] {
  return [...(ctx.cache.seenReceipts.get(senderId) ?? [])].map(([reader, number]) => ({
    account_id: reader,
    number,
  }));
}
