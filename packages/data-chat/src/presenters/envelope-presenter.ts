import type { MessageEnvelope } from "@venus/model";
import type { Message } from "../chat-entities.js";

/** An undelivered message as its recipient receives it. */
export function presentEnvelope(message: Message): MessageEnvelope {
  return {
    version: 1,
    sender: message.sender,
    recipient: message.recipient,
    uuid: message.uuid,
    number: message.number,
    sent_at: message.sentAt,
    sender_key_id: message.senderKeyId,
    recipient_key_id: message.recipientKeyId,
    body: message.body ?? "",
    signature: message.signature,
  };
}
