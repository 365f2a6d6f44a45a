import { markSeenBy, typingTo } from "@venus/data-all";
import { acknowledgeSeen, deliveredReceipts, seenReceipts } from "@venus/data-chat";
import { AckResponse, OkResponse, ReceiptsResponse, SeenRequest, TypingRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const receiptsRoute = userRoute(
  {
    method: "get",
    path: "/chat/receipts",
    summary: "Delivered and read receipts waiting for the caller's acknowledgement (also pushed)",
    tag: "chat",
    responses: { 200: { description: "Receipts", schema: ReceiptsResponse } },
  },
  ({ auth, deps }) =>
    json(200, {
      delivered: deliveredReceipts(deps.chat, auth.account.id),
      seen: seenReceipts(deps.chat, auth.account.id),
    }),
);

export const seenRoute = userRoute(
  {
    method: "post",
    path: "/chat/seen",
    summary:
      "The caller has read the conversation up to `number`; the other side gets `seen` if the caller shares read receipts. Also chat.seen",
    tag: "chat",
    body: SeenRequest,
    errors: ["invalid_state", "not_a_match", "blocked_or_not_found"],
    responses: {
      200: { description: "Recorded", schema: OkResponse },
    },
  },
  async ({ auth, body, deps }) => {
    await markSeenBy(deps, auth.account, body);
    return json(200, { ok: true });
  },
);

export const ackSeenRoute = userRoute(
  {
    method: "post",
    path: "/chat/seen/ack",
    summary:
      "The caller has the read receipt of `account_id` up to `number`; it is deleted. Also chat.seen.ack",
    tag: "chat",
    body: SeenRequest,
    responses: { 200: { description: "1 if a receipt went", schema: AckResponse } },
  },
  async ({ auth, body, deps }) =>
    json(200, { acknowledged: await acknowledgeSeen(deps.chat, auth.account.id, body) }),
);

export const typingRoute = userRoute(
  {
    method: "post",
    path: "/chat/typing",
    summary:
      "Typing started or stopped: forwarded live to the match as `typing` (never stored; dropped when the caller hides typing). Usually the WebSocket request chat.typing",
    tag: "chat",
    body: TypingRequest,
    errors: ["invalid_state", "not_a_match", "blocked_or_not_found", "rate_limited"],
    responses: {
      200: { description: "Forwarded (or hidden)", schema: OkResponse },
    },
  },
  ({ auth, body, deps }) => {
    typingTo(deps, auth.account, body);
    return json(200, { ok: true });
  },
);
