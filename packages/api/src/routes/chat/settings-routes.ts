import { chatSettingsOf, chatState, setChatSettings } from "@venus/data-chat";
import { ChatSettings, ChatStateResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const chatStateRoute = userRoute(
  {
    method: "get",
    path: "/chat/state",
    summary: "Likes and messages left today, and the new likes count",
    tag: "chat",
    responses: { 200: { description: "The caller's chat state", schema: ChatStateResponse } },
  },
  ({ auth, deps }) => json(200, chatState(deps.chat, auth.account.id)),
);

export const chatSettingsRoute = userRoute(
  {
    method: "get",
    path: "/chat/settings",
    summary: "The caller's receipt and typing privacy settings",
    tag: "chat",
    responses: { 200: { description: "Settings", schema: ChatSettings } },
  },
  ({ auth, deps }) => json(200, chatSettingsOf(deps.chat, auth.account.id)),
);

export const setChatSettingsRoute = userRoute(
  {
    method: "put",
    path: "/chat/settings",
    summary: "Whether senders get delivered and read receipts from the caller, and matches see it typing",
    tag: "chat",
    body: ChatSettings,
    responses: { 200: { description: "Saved", schema: ChatSettings } },
  },
  async ({ auth, body, deps }) => {
    await setChatSettings(deps.chat, auth.account.id, body);
    return json(200, chatSettingsOf(deps.chat, auth.account.id));
  },
);
