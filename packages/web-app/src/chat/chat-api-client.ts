import type { PublicKeyResponse, PublishKeyResponse, SendMessageResponse } from "@venus/model";
import type { ApiClient } from "@venus/web-shared";
import type { ChatApi } from "./chat-api.js";

/** The chat module's calls over the app's API client (its errors carry status, code and details). */
export function chatApiOf(api: ApiClient): ChatApi {
  return {
    publishKey: (key) => api.put<PublishKeyResponse>("/chat/public_key", { key }),
    publicKey: (accountId, keyId) =>
      api.get<PublicKeyResponse>(
        `/chat/public_key/${accountId}${keyId === undefined ? "" : `?key_id=${keyId}`}`,
      ),
    send: (request) => api.post<SendMessageResponse>("/chat/messages", request),
    sentAck: async (uuids) => void (await api.post("/chat/messages/sent/ack", { uuids })),
    ack: async (messages) => void (await api.post("/chat/messages/ack", { messages })),
  };
}
