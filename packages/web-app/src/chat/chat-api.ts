import type {
  PublicKeyResponse,
  PublishKeyResponse,
  SendMessageRequest,
  SendMessageResponse,
} from "@venus/model";

/**
 * The calls the chat module makes. The app passes its API client (HTTP or WebSocket requests); a
 * failed call throws an error carrying the server's `status`, `code` and `details`.
 */
export interface ChatApi {
  publishKey(armoredPublicKey: string): Promise<PublishKeyResponse>;
  publicKey(accountId: string, keyId?: number): Promise<PublicKeyResponse>;
  send(request: SendMessageRequest): Promise<SendMessageResponse>;
  sentAck(uuids: string[]): Promise<void>;
  ack(messages: { sender: string; uuid: string }[]): Promise<void>;
}

/** The server's answer to a failed call, as the API client throws it. */
export interface ApiFailure {
  status: number;
  code: string;
  details?: Record<string, unknown>;
}

export function isApiFailure(error: unknown, code?: string): error is ApiFailure {
  if (typeof error !== "object" || error === null) return false;
  const failure = error as Partial<ApiFailure>;
  return (
    typeof failure.status === "number" &&
    typeof failure.code === "string" &&
    (code === undefined || failure.code === code)
  );
}
