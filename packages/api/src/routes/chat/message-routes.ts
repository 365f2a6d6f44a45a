import { sendChatMessage } from "@venus/data-all";
import { acknowledgeReceived, acknowledgeSent, pendingMessages } from "@venus/data-chat";
import {
  AckMessagesRequest,
  AckResponse,
  AckSentRequest,
  PendingMessagesResponse,
  SendMessageRequest,
  SendMessageResponse,
} from "@venus/model";
import { json, userRoute } from "../../route.js";
import { messageJsonBytes } from "./body-limits.js";

export const sendMessageRoute = userRoute(
  {
    method: "post",
    path: "/chat/messages",
    summary:
      "Send an encrypted message to a match; answered once it is stored. Also the WebSocket request chat.send",
    tag: "chat",
    body: SendMessageRequest,
    maxBodyBytes: messageJsonBytes,
    errors: [
      "invalid_state",
      "not_a_match",
      "blocked_or_not_found",
      "public_key_outdated",
      "message_too_large",
      "daily_message_limit",
      "conversation_full",
      "receipts_pending",
    ],
    responses: {
      200: { description: "Stored (or stored before, for a UUID sent again)", schema: SendMessageResponse },
    },
  },
  async ({ auth, body, deps }) => json(200, await sendChatMessage(deps, auth.account, body)),
);

export const pendingMessagesRoute = userRoute(
  {
    method: "get",
    path: "/chat/messages/pending",
    summary:
      "Messages waiting for the caller, oldest first in each conversation (also pushed as new_message)",
    tag: "chat",
    responses: { 200: { description: "A page of envelopes", schema: PendingMessagesResponse } },
  },
  ({ auth, deps }) => json(200, pendingMessages(deps.chat, auth.account.id)),
);

export const ackMessagesRoute = userRoute(
  {
    method: "post",
    path: "/chat/messages/ack",
    summary:
      "The caller (recipient) has stored these messages: the server drops their bodies and tells each sender `delivered`. Also chat.ack",
    tag: "chat",
    body: AckMessagesRequest,
    responses: { 200: { description: "How many were waiting", schema: AckResponse } },
  },
  async ({ auth, body, deps }) =>
    json(200, { acknowledged: await acknowledgeReceived(deps.chat, auth.account.id, body) }),
);

export const ackSentRoute = userRoute(
  {
    method: "post",
    path: "/chat/messages/sent/ack",
    summary:
      "The caller (sender) has the send results, and delivered receipts, of these messages; once both sides are done a message is deleted. Also chat.sent.ack",
    tag: "chat",
    body: AckSentRequest,
    responses: { 200: { description: "How many changed", schema: AckResponse } },
  },
  async ({ auth, body, deps }) =>
    json(200, { acknowledged: await acknowledgeSent(deps.chat, auth.account.id, body.uuids) }),
);
