import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const chatConfigSection = configSection("Likes, matches, blocks and one-to-one messages.", {
  daily_likes: Type.Integer({
    default: 0,
    minimum: 0,
    description:
      "Likes an account may send per UTC day (0: unlimited). Liking a profile that has unlimited likes switched on costs nothing. Initial value of the runtime flag daily_likes.",
  }),
  max_message_bytes: Type.Integer({
    default: 65536,
    minimum: 1,
    maximum: 1048576,
    description: "Largest message body in bytes (after base64 decoding); larger gets 413 message_too_large.",
  }),
  messages_per_day: Type.Integer({
    default: 200,
    minimum: 1,
    description:
      "Messages an account may send per UTC day (429 daily_message_limit); initial value of the runtime flag messages_per_day.",
  }),
  max_unacknowledged_per_conversation: Type.Integer({
    default: 20,
    minimum: 1,
    maximum: 10000,
    description:
      "Messages one sender may have waiting for the recipient's acknowledgement in one conversation (429 conversation_full).",
  }),
  max_pending_receipts: Type.Integer({
    default: 50,
    minimum: 1,
    maximum: 10000,
    description:
      "Acknowledgements a sender may owe (send results and delivered receipts it has not acknowledged); at this count it may not send more (429 receipts_pending).",
  }),
  public_key_max_bytes: Type.Integer({
    default: 8192,
    minimum: 256,
    maximum: 65536,
    description: "Largest OpenPGP public key, armored, in bytes (413 public_key_too_large).",
  }),
  public_keys_kept: Type.Integer({
    default: 5,
    minimum: 1,
    maximum: 100,
    description:
      "Versions of each account's public key kept, so that messages signed with an older key can still be verified.",
  }),
  typing_min_interval_ms: Type.Integer({
    default: 1000,
    minimum: 0,
    description: "Shortest interval between two typing frames of one account (429 rate_limited).",
  }),
  report_max_messages: Type.Integer({
    default: 10,
    minimum: 1,
    maximum: 100,
    description: "Messages one report may carry (400 validation_failed beyond).",
  }),
  page_size: Type.Integer({
    default: 50,
    minimum: 1,
    maximum: 1000,
    description: "Items per page of received likes and matches.",
  }),
  pending_page_size: Type.Integer({
    default: 100,
    minimum: 1,
    maximum: 10000,
    description: "Messages per page of GET /chat/messages/pending.",
  }),
});
