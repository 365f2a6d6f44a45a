import type { EventFrame, PendingMessagesResponse } from "@venus/model";
import type { ChatContext } from "../context.js";
import { presentEnvelope } from "../presenters/envelope-presenter.js";
import { deliveredReceipts } from "./acknowledge.js";
import { seenReceipts } from "./seen.js";

/** The recipient's undelivered messages, oldest first in each conversation, one page at a time. */
export function pendingMessages(ctx: ChatContext, recipientId: string): PendingMessagesResponse {
  const limit = ctx.config.chat.pending_page_size;
  const messages = [];
  for (const message of ctx.cache.messages.inboxOf(recipientId)) {
    if (messages.length === limit) return { messages, more: true };
    messages.push(presentEnvelope(message));
  }
  return { messages, more: false };
}

/**
 * What a connecting client gets after `welcome`: each pending message as `new_message` (one page;
 * it fetches the rest after acknowledging), its delivered receipts and its read receipts.
 */
export function chatSyncEvents(ctx: ChatContext, accountId: string): EventFrame[] {
  const events: EventFrame[] = pendingMessages(ctx, accountId).messages.map((envelope) => ({
    type: "event",
    event: "new_message",
    data: envelope,
  }));
  const delivered = deliveredReceipts(ctx, accountId);
  if (delivered.length > 0) events.push({ type: "event", event: "delivered", data: { receipts: delivered } });
  for (const receipt of seenReceipts(ctx, accountId))
    events.push({ type: "event", event: "seen", data: receipt });
  return events;
}
