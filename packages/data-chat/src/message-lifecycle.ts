import type { Message } from "./chat-entities.js";

/**
 * The life of a stored message, as pure state changes (docs/protocol.md, "Message lifecycle").
 *
 * A message is stored until both sides have acknowledged it. The recipient acknowledges once it has
 * the message: the body goes at once, and when the recipient shares delivery receipts the sender
 * now has a `delivered` receipt to acknowledge. The sender acknowledges once it has the send result
 * (so a retry with the same UUID is answered from the stored message until then) and again for a
 * delivered receipt; one acknowledgement after the receipt covers both.
 */
export type AckOutcome = "unchanged" | "updated" | "finished";

/** Both sides are done with it: the row goes. */
export const isFinished = (message: Message): boolean =>
  message.deliveredAt !== null && message.senderAcked && !message.receiptPending;

/** The recipient has the message. `shareReceipt`: the recipient's delivery receipt setting. */
export function recipientAcknowledges(message: Message, now: number, shareReceipt: boolean): AckOutcome {
  if (message.deliveredAt !== null) return "unchanged";
  message.deliveredAt = now;
  message.body = null;
  message.receiptPending = shareReceipt;
  return isFinished(message) ? "finished" : "updated";
}

/** The sender has the send result, and the delivered receipt if there is one. */
export function senderAcknowledges(message: Message): AckOutcome {
  if (message.senderAcked && !message.receiptPending) return "unchanged";
  message.senderAcked = true;
  message.receiptPending = false;
  return isFinished(message) ? "finished" : "updated";
}

/**
 * The sender owes an acknowledgement: of the send result, or of a delivered receipt. These count
 * against `chat.max_pending_receipts`; whether the recipient has the message does not show in the
 * count unless the recipient shares delivery receipts.
 */
export const awaitsSender = (message: Message): boolean => !message.senderAcked || message.receiptPending;
