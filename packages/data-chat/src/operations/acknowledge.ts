import type { AckMessagesRequest, DeliveredReceipt } from "@venus/model";
import type { Message } from "../chat-entities.js";
import type { ChatContext } from "../context.js";
import type { AckChange } from "../ack-writes.js";
import { getOrCreate } from "../get-or-create.js";
import { recipientAcknowledges, senderAcknowledges } from "../message-lifecycle.js";

const presentReceipt = (message: Message): DeliveredReceipt => ({
  recipient: message.recipient,
  uuid: message.uuid,
  number: message.number,
  delivered_at: message.deliveredAt ?? 0,
});

function countSteps(ctx: ChatContext, changed: { finished: boolean }[], step?: "delivered"): void {
  if (step) ctx.metrics[step].inc(changed.length);
  const deleted = changed.filter((c) => c.finished).length;
  if (deleted > 0) ctx.metrics.deleted.inc(deleted);
}

/**
 * The recipient has these messages: their bodies go, and each sender whom the recipient shares
 * delivery receipts with gets `delivered`. Unknown or already acknowledged ones are skipped.
 * Resolves with how many were waiting.
 */
export async function acknowledgeReceived(
  ctx: ChatContext,
  recipientId: string,
  request: AckMessagesRequest,
): Promise<number> {
  const { cache } = ctx;
  const now = ctx.now();
  const share = cache.account(recipientId).settings.deliveryReceipts;
  const changed: AckChange[] = [];
  for (const { sender, uuid } of request.messages) {
    const message = cache.messages.get(sender, uuid);
    if (!message || message.recipient !== recipientId) continue;
    const outcome = cache.messages.apply(message, (m) => recipientAcknowledges(m, now, share));
    if (outcome === "unchanged") continue;
    changed.push({ message, finished: outcome === "finished" });
  }
  if (changed.length === 0) return 0;
  await ctx.acks.persist(changed);
  countSteps(ctx, changed, "delivered");
  if (share) {
    const bySender = new Map<string, DeliveredReceipt[]>();
    for (const { message } of changed)
      getOrCreate(bySender, message.sender, () => []).push(presentReceipt(message));
    for (const [sender, receipts] of bySender) ctx.connections.publish(sender, "delivered", { receipts });
  }
  return changed.length;
}

/**
 * The sender has the send result of these messages, and their delivered receipts if they have one;
 * a message both sides are done with is deleted. Resolves with how many changed.
 */
export async function acknowledgeSent(
  ctx: ChatContext,
  senderId: string,
  uuids: readonly string[],
): Promise<number> {
  const { cache } = ctx;
  const changed: AckChange[] = [];
  for (const uuid of uuids) {
    const message = cache.messages.get(senderId, uuid);
    if (!message) continue;
    const outcome = cache.messages.apply(message, senderAcknowledges);
    if (outcome === "unchanged") continue;
    changed.push({ message, finished: outcome === "finished" });
  }
  if (changed.length > 0) await ctx.acks.persist(changed);
  countSteps(ctx, changed);
  return changed.length;
}

/** Delivered receipts waiting for the sender's acknowledgement. */
export function deliveredReceipts(ctx: ChatContext, senderId: string): DeliveredReceipt[] {
  return [...ctx.cache.messages.sentBy(senderId)].filter((m) => m.receiptPending).map(presentReceipt);
}
