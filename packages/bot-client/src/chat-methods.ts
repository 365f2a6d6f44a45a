import type {
  AckMessagesRequest,
  BlocksResponse,
  ChatSettings,
  ChatStateResponse,
  LikeResponse,
  MatchesPage,
  MessageEnvelope,
  MessageReportRequest,
  PendingMessagesResponse,
  PublicKeyResponse,
  ReportResponse,
  ReceiptsResponse,
  ReceivedLikesPage,
  SeenRequest,
  SendMessageRequest,
  SendMessageResponse,
  TypingRequest,
} from "@venus/model";
import { viaEither, type ApiContext, type ViaOption } from "./api-context.js";
import { routePath } from "./http-api.js";
import type { AckBody, NewLikesCountBody, OkBody, PublishKeyBody } from "./wire-types.js";

/**
 * `/chat/…` routes. The message calls (send, ack, sent ack, seen, seen ack, typing) also travel as
 * WebSocket requests: pass `{via: "ws"}`, or set the client's default.
 */
export class ChatMethods {
  constructor(private readonly ctx: ApiContext) {}

  /** `POST /chat/like`: `matched` when the other had liked the caller. */
  like(accountId: string): Promise<LikeResponse> {
    return this.ctx.http.post("/chat/like", { account_id: accountId });
  }

  /** `GET /chat/likes/received[?after=]`: newest first. */
  receivedLikes(after?: string): Promise<ReceivedLikesPage> {
    return this.ctx.http.get("/chat/likes/received", { after });
  }

  /** `POST /chat/likes/received/reset_new`. */
  resetNewLikes(): Promise<NewLikesCountBody> {
    return this.ctx.http.post("/chat/likes/received/reset_new");
  }

  /** `GET /chat/matches[?after=]`: newest first. */
  matches(after?: string): Promise<MatchesPage> {
    return this.ctx.http.get("/chat/matches", { after });
  }

  /** `POST /chat/block`: everyone the caller blocked. */
  block(accountId: string): Promise<BlocksResponse> {
    return this.ctx.http.post("/chat/block", { account_id: accountId });
  }

  /** `POST /chat/unblock`. */
  unblock(accountId: string): Promise<BlocksResponse> {
    return this.ctx.http.post("/chat/unblock", { account_id: accountId });
  }

  /** `GET /chat/blocks`. */
  blocks(): Promise<BlocksResponse> {
    return this.ctx.http.get("/chat/blocks");
  }

  /** `PUT /chat/public_key`: publishes an ASCII-armored OpenPGP public key; its new key id. */
  publishKey(armoredKey: string): Promise<PublishKeyBody> {
    return this.ctx.http.put("/chat/public_key", { key: armoredKey });
  }

  /** `GET /chat/public_key/{account_id}[?key_id=]`: the own or a match's key. */
  publicKey(accountId: string, options: { keyId?: number } = {}): Promise<PublicKeyResponse> {
    return this.ctx.http.get(routePath`/chat/public_key/${accountId}`, { key_id: options.keyId });
  }

  /** `POST /chat/messages` or `chat.send`: answered once stored; a UUID sent again gets the first answer. */
  send(request: SendMessageRequest, options: ViaOption = {}): Promise<SendMessageResponse> {
    return viaEither(this.ctx, options, "chat.send", "/chat/messages", request);
  }

  /** `GET /chat/messages/pending`: waiting envelopes (`more` when there are more than one page). */
  pending(): Promise<PendingMessagesResponse> {
    return this.ctx.http.get("/chat/messages/pending");
  }

  /** `POST /chat/messages/ack` or `chat.ack`: the recipient has stored these messages. */
  ack(request: AckMessagesRequest, options: ViaOption = {}): Promise<AckBody> {
    return viaEither(this.ctx, options, "chat.ack", "/chat/messages/ack", request);
  }

  /** `ack` for received envelopes. */
  ackEnvelopes(envelopes: readonly MessageEnvelope[], options: ViaOption = {}): Promise<AckBody> {
    return this.ack({ messages: envelopes.map(({ sender, uuid }) => ({ sender, uuid })) }, options);
  }

  /** `POST /chat/messages/sent/ack` or `chat.sent.ack`: the sender has the send answers (and receipts). */
  sentAck(uuids: string[], options: ViaOption = {}): Promise<AckBody> {
    return viaEither(this.ctx, options, "chat.sent.ack", "/chat/messages/sent/ack", { uuids });
  }

  /** `GET /chat/receipts`: delivered and read receipts not yet acknowledged. */
  receipts(): Promise<ReceiptsResponse> {
    return this.ctx.http.get("/chat/receipts");
  }

  /** `POST /chat/seen` or `chat.seen`: the caller has read the conversation up to `number`. */
  seen(request: SeenRequest, options: ViaOption = {}): Promise<OkBody> {
    return viaEither(this.ctx, options, "chat.seen", "/chat/seen", request);
  }

  /** `POST /chat/seen/ack` or `chat.seen.ack`: the sender has the read receipt. */
  seenAck(request: SeenRequest, options: ViaOption = {}): Promise<AckBody> {
    return viaEither(this.ctx, options, "chat.seen.ack", "/chat/seen/ack", request);
  }

  /** `POST /chat/typing` or `chat.typing` (at most one per `chat.typing_min_interval_ms`). */
  typing(request: TypingRequest, options: ViaOption = {}): Promise<OkBody> {
    return viaEither(this.ctx, options, "chat.typing", "/chat/typing", request);
  }

  /** `GET /chat/settings`. */
  settings(): Promise<ChatSettings> {
    return this.ctx.http.get("/chat/settings");
  }

  /** `PUT /chat/settings`. */
  setSettings(settings: ChatSettings): Promise<ChatSettings> {
    return this.ctx.http.put("/chat/settings", settings);
  }

  /** `GET /chat/state`: likes and messages left today, new likes. */
  state(): Promise<ChatStateResponse> {
    return this.ctx.http.get("/chat/state");
  }

  /**
   * `POST /chat/report`: envelopes received from one sender, exactly as received (a report of kind
   * `messages`; while the caller's report on that sender waits, its id again).
   */
  report(request: MessageReportRequest): Promise<ReportResponse> {
    return this.ctx.http.post("/chat/report", request);
  }
}
