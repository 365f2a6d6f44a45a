import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { KeyId } from "./public-key-schemas.js";

export const MessageUuid = Type.String({
  format: "uuid",
  description: "Chosen by the sender; sending the same UUID again returns the first send's result.",
});

/** Bytes as standard base64 with padding; the server never looks inside a message body. */
const base64 = (description: string) => Type.String({ pattern: "^[A-Za-z0-9+/]*={0,2}$", description });

export const SendMessageRequest = Type.Object(
  {
    recipient: AccountId,
    uuid: MessageUuid,
    sender_key_id: Type.Integer({ minimum: 1, description: "The sender's current public key id." }),
    recipient_key_id: Type.Integer({
      minimum: 1,
      description: "The recipient's current public key id, which the body is encrypted to.",
    }),
    body: base64("The encrypted message, base64 (opaque to the server)."),
  },
  { additionalProperties: false },
);
export type SendMessageRequest = Static<typeof SendMessageRequest>;

export const SendMessageResponse = Type.Object({
  uuid: MessageUuid,
  number: Type.Integer({
    minimum: 1,
    description: "Position in the conversation (both directions share it).",
  }),
  sent_at: Type.Integer({ description: "Unix ms, the server's time." }),
});
export type SendMessageResponse = Static<typeof SendMessageResponse>;

/** A stored message as the recipient receives it: the fields the server vouches for, and its signature. */
export const MessageEnvelope = Type.Object(
  {
    version: Type.Literal(1),
    sender: AccountId,
    recipient: AccountId,
    uuid: MessageUuid,
    number: Type.Integer({ minimum: 1 }),
    sent_at: Type.Integer(),
    sender_key_id: KeyId,
    recipient_key_id: KeyId,
    body: base64("The encrypted message, base64."),
    signature: Type.String({
      pattern: "^[A-Za-z0-9_-]{43}$",
      description: "The server's signature over every other field (docs/protocol.md), base64url.",
    }),
  },
  { additionalProperties: false },
);
export type MessageEnvelope = Static<typeof MessageEnvelope>;

export const PendingMessagesResponse = Type.Object({
  messages: Type.Array(MessageEnvelope, { description: "Oldest first within each conversation." }),
  more: Type.Boolean({
    description: "More are pending than chat.pending_page_size: fetch again after acknowledging.",
  }),
});
export type PendingMessagesResponse = Static<typeof PendingMessagesResponse>;

const MAX_ACKS = 1000;

export const AckMessagesRequest = Type.Object(
  {
    messages: Type.Array(
      Type.Object({ sender: AccountId, uuid: MessageUuid }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: MAX_ACKS,
      },
    ),
  },
  { additionalProperties: false },
);
export type AckMessagesRequest = Static<typeof AckMessagesRequest>;

export const AckSentRequest = Type.Object(
  { uuids: Type.Array(MessageUuid, { minItems: 1, maxItems: MAX_ACKS }) },
  { additionalProperties: false },
);
export type AckSentRequest = Static<typeof AckSentRequest>;

export const AckResponse = Type.Object({
  acknowledged: Type.Integer({
    description: "How many of the named items were waiting (the rest were already gone).",
  }),
});

export const SeenRequest = Type.Object(
  {
    account_id: AccountId,
    number: Type.Integer({ minimum: 1, description: "The latest message number of the conversation read." }),
  },
  { additionalProperties: false },
);
export type SeenRequest = Static<typeof SeenRequest>;

export const TypingRequest = Type.Object(
  { account_id: AccountId, typing: Type.Boolean() },
  { additionalProperties: false },
);
export type TypingRequest = Static<typeof TypingRequest>;

export const DeliveredReceipt = Type.Object({
  recipient: AccountId,
  uuid: MessageUuid,
  number: Type.Integer(),
  delivered_at: Type.Integer({ description: "Unix ms of the recipient's acknowledgement." }),
});
export type DeliveredReceipt = Static<typeof DeliveredReceipt>;

export const SeenReceipt = Type.Object({
  account_id: AccountId,
  number: Type.Integer({ description: "The reader has read the conversation up to this number." }),
});
export type SeenReceipt = Static<typeof SeenReceipt>;

export const ReceiptsResponse = Type.Object({
  delivered: Type.Array(DeliveredReceipt),
  seen: Type.Array(SeenReceipt),
});
export type ReceiptsResponse = Static<typeof ReceiptsResponse>;
