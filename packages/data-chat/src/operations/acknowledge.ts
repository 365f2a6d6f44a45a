import type { AckMessagesRequest, DeliveredReceipt } from "@venus/model";
import type { Message } from "../chat-entities.js";
import type { ChatContext } from "../context.js";
import { getOrCreate } from "../get-or-create.js";
import { recipientAcknowledges, senderAcknowledges } from "../message-lifecycle.js";

const presentReceipt = (message: Message): DeliveredReceipt => ({
  recipient: message.recipient,
  uuid: message.uuid,
  number: message.number,
  delivered_at: message.deliveredAt ?? 0,
});

/** Writes each changed message: finished ones are deleted, others updated to their state. */
function persist(ctx: ChatContext, changed: { message: Message; finished: boolean }[]): Promise<void> {
  return ctx.writer.write(() => {
    for (const { message, finished } of changed) {
      if (finished) ctx.statements.deleteMessage(message.sender, message.uuid);
      else if (message.deliveredAt !== null)
        ctx.statements.markDelivered(
          message.sender,
          message.uuid,
          message.deliveredAt,
          message.receiptPending,
        );
      else ctx.statements.setSenderAcked(message.sender, message.uuid, message.receiptPending);
    }
  });
}

function countSteps(ctx: ChatContext, changed: { finished: boolean }[], step?: "delivered"): void {
  if (step) ctx.metrics.messages.inc({ step }, changed.length);
  const deleted = changed.filter((c) => c.finished).length;
  if (deleted > 0) ctx.metrics.messages.inc({ step: "deleted" }, deleted);
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
  const changed: { message: Message; finished: boolean }[] = [];
  for (const { sender, uuid } of request.messages) {
    const message = cache.messages.get(sender, uuid);
    if (!message || message.recipient !== recipientId) continue;
    const outcome = cache.messages.apply(message, (m) => recipientAcknowledges(m, now, share));
    if (outcome === "unchanged") continue;
    changed.push({ message, finished: outcome === "finished" });
  }
  if (changed.length === 0) return 0;
  await persist(ctx, changed);
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
  const changed: { message: Message; finished: boolean }[] = [];
  for (const uuid of uuids) {
    const message = cache.messages.get(senderId, uuid);
    if (!message) continue;
    const outcome = cache.messages.apply(message, senderAcknowledges);
    if (outcome === "unchanged") continue;
    changed.push({ message, finished: outcome === "finished" });
  }
  if (changed.length > 0) await persist(ctx, changed);
  countSteps(ctx, changed);
  return changed.length;
}

/** Delivered receipts waiting for the sender's acknowledgement. */
export function deliveredReceipts(ctx: ChatContext, senderId: string): DeliveredReceipt[] {
  return [...ctx.cache.messages.sentBy(senderId)].filter((m) => m.receiptPending).map(presentReceipt);
}
