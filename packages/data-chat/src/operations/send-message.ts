import { countUse, leftToday, secondsUntilTomorrow } from "@venus/data-common";
import {
  VenusError,
  type SendMessageRequest,
  type SendMessageResponse,
  invalidField,
  retryLater,
} from "@venus/model";
import { chatAccountToRow, currentKeyId, messageToRow, type Message } from "../chat-entities.js";
import type { ChatContext } from "../context.js";
import { signEnvelope } from "../envelope-signature.js";
import { presentEnvelope } from "../presenters/envelope-presenter.js";

const result = (message: Message): SendMessageResponse => ({
  uuid: message.uuid,
  number: message.number,
  sent_at: message.sentAt,
});

/** Decoded size of standard padded base64, without decoding it. */
const decodedBytes = (base64: string) =>
  (base64.length / 4) * 3 - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);

function checkSend(
  ctx: ChatContext,
  senderId: string,
  request: SendMessageRequest,
  recipientInUse: boolean,
): void {
  const { cache, config } = ctx;
  const { recipient } = request;
  if (request.body.length % 4 !== 0) throw invalidField("body", "not padded base64");
  if (decodedBytes(request.body) > config.chat.max_message_bytes)
    throw new VenusError("message_too_large", undefined, { limit_bytes: config.chat.max_message_bytes });
  if (!recipientInUse || senderId === recipient || cache.blockedEitherWay(senderId, recipient))
    throw new VenusError("blocked_or_not_found");
  if (!cache.conversation(senderId, recipient)) throw new VenusError("not_a_match");
  const sender = cache.account(senderId);
  const senderKey = currentKeyId(sender);
  const recipientKey = currentKeyId(cache.account(recipient));
  if (request.sender_key_id !== senderKey)
    throw new VenusError("public_key_outdated", "sender_key_id: not your current key id", {
      field: "sender_key_id",
      current_key_id: senderKey,
    });
  if (request.recipient_key_id !== recipientKey)
    throw new VenusError("public_key_outdated", "recipient_key_id: not the recipient's current key id", {
      field: "recipient_key_id",
      current_key_id: recipientKey,
    });
  const now = ctx.now();
  if (leftToday(sender.messages, ctx.flags.get("messages_per_day"), now) === 0)
    throw retryLater("daily_message_limit", secondsUntilTomorrow(now));
  if (
    cache.messages.unacknowledgedCount(senderId, recipient) >= config.chat.max_unacknowledged_per_conversation
  )
    throw new VenusError("conversation_full");
  if (cache.messages.awaitingSenderCount(senderId) >= config.chat.max_pending_receipts)
    throw new VenusError("receipts_pending");
}

/**
 * Stores a message between matches (`recipientInUse`: the recipient's account is, as the caller
 * knows) and pushes `new_message` to the recipient. Answers only after
 * the message has committed. The same UUID again (a retry after a lost answer, even while the first
 * is still being stored) gets the first send's result; the first send wins.
 */
export function sendMessage(
  ctx: ChatContext,
  senderId: string,
  request: SendMessageRequest,
  recipientInUse: boolean,
): Promise<SendMessageResponse> {
  const { cache } = ctx;
  const stored = cache.messages.get(senderId, request.uuid);
  if (stored) return Promise.resolve(result(stored));
  const sendKey = `${senderId} ${request.uuid}`;
  const inFlight = cache.sending.get(sendKey);
  if (inFlight) return inFlight;
  checkSend(ctx, senderId, request, recipientInUse);
  const sending = store(ctx, senderId, request).finally(() => cache.sending.delete(sendKey));
  cache.sending.set(sendKey, sending);
  return sending;
}

async function store(
  ctx: ChatContext,
  senderId: string,
  request: SendMessageRequest,
): Promise<SendMessageResponse> {
  const { cache } = ctx;
  const conversation = cache.conversation(senderId, request.recipient);
  if (!conversation) throw new VenusError("not_a_match");
  const sender = cache.account(senderId);
  const now = ctx.now();
  countUse(sender.messages, now);
  const fields = {
    sender: senderId,
    recipient: request.recipient,
    uuid: request.uuid,
    number: ++conversation.lastNumber,
    sentAt: now,
    senderKeyId: request.sender_key_id,
    recipientKeyId: request.recipient_key_id,
  };
  // Decoded once: signed, and stored as it is.
  const bodyBytes = Buffer.from(request.body, "base64");
  const message: Message = {
    ...fields,
    body: request.body,
    signature: signEnvelope(ctx.signingSecret, { ...fields, body: bodyBytes }),
    deliveredAt: null,
    senderAcked: false,
    receiptPending: false,
  };
  cache.messages.reserve(senderId, request.recipient);
  const row = messageToRow(message, bodyBytes);
  const accountRow = chatAccountToRow(sender);
  try {
    await ctx.writer.write(() => {
      ctx.statements.insertMessage(row);
      ctx.statements.setLastNumber(conversation.low, conversation.high, message.number);
      ctx.statements.saveAccount(accountRow);
      ctx.push.record(request.recipient, "message", senderId);
    });
  } catch (error) {
    cache.messages.release(senderId, request.recipient);
    throw error;
  }
  cache.messages.addReserved(message);
  ctx.metrics.stored.inc();
  ctx.connections.publish(message.recipient, "new_message", presentEnvelope(message));
  return result(message);
}
