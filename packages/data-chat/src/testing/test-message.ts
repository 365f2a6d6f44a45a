import type { Message } from "../chat-entities.js";

/** A stored, undelivered message from "s" to "r" for unit tests; `changes` replace any field. */
export const testMessage = (changes: Partial<Message> = {}): Message => ({
  sender: "s",
  uuid: "u",
  recipient: "r",
  number: 1,
  sentAt: 1,
  senderKeyId: 1,
  recipientKeyId: 1,
  body: "AAAA",
  signature: "x",
  deliveredAt: null,
  senderAcked: false,
  receiptPending: false,
  ...changes,
});
