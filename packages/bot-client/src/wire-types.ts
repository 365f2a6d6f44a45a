import type { Static } from "@sinclair/typebox";
import type {
  AckMessagesRequest,
  AckResponse,
  AckSentRequest,
  AccountIdRequest,
  AccountStateResponse,
  BrowseNextRequest,
  BrowsePage,
  BrowseResetRequest,
  BrowseResetResponse,
  ClientConfig,
  DailyTaskReport,
  DataExportReady,
  DeliveredReceipt,
  DisconnectFrame,
  ErrorFrame,
  EventFrame,
  EventName,
  MaintenanceNotice,
  Match,
  MessageEnvelope,
  NewLikesCount,
  OkResponse,
  OwnProfile,
  PongFrame as PongFrameSchema,
  ProcessingStatus,
  PublishKeyResponse,
  ResponseFrame,
  SeenReceipt,
  SeenRequest,
  SendMessageRequest,
  SendMessageResponse,
  TypingRequest,
  VisibilityRequest,
  WelcomeFrame,
  WsRequestMethod,
} from "@venus/model";

// Wire types of @venus/model schemas that export no TypeScript type of their own.
export type OkBody = Static<typeof OkResponse>;
export type AckBody = Static<typeof AckResponse>;
export type NewLikesCountBody = Static<typeof NewLikesCount>;
export type PublishKeyBody = Static<typeof PublishKeyResponse>;
export type VisibilityBody = Static<typeof VisibilityRequest>;
export type PongFrame = Static<typeof PongFrameSchema>;

/**
 * `{version}`: the answer of `PUT /profile/location|visibility|privacy` (an inline schema in @venus/api)
 * and the data of the live `profile_changed` and `media_content_changed` events.
 */
export type VersionBody = Pick<OwnProfile, "version">;

/**
 * Answers whose schemas live inline in @venus/api rather than in @venus/model, so bot-client (which
 * may not import api) cannot derive them. Kept minimal here until the schemas move to model.
 */
export interface HealthBody {
  status: "ok";
  version: string;
  uptime_seconds: number;
  websocket_connections: number;
}

/** `POST /admin/daily_task/run`. */
export type DailyTaskBody = DailyTaskReport;

/**
 * The `data` of each event, by name, as the server publishes it. The sync events sent right after
 * `welcome` (`<type>_changed` for a stale `hello.sync` entry) carry no data, hence `| undefined` on
 * the events that also come live with data.
 */
export type EventDataMap = CheckedEventMap<{
  account_state_changed: AccountStateResponse | undefined;
  profile_changed: VersionBody | undefined;
  media_content_changed: VersionBody | undefined;
  content_processing_state: ProcessingStatus;
  matches_changed: undefined;
  received_likes_changed: undefined;
  like_received: AccountIdRequest & NewLikesCountBody;
  match: Match;
  new_message: MessageEnvelope;
  delivered: { receipts: DeliveredReceipt[] };
  seen: SeenReceipt;
  typing: TypingRequest;
  /** To moderators of that queue (its name is data-common's ModerationQueueName, not in model yet). */
  moderation_queue_changed: { queue: "images" | "texts" };
  /** To every connection: maintenance starts at `start`, or (`start: null`) no longer comes. */
  maintenance: MaintenanceNotice;
  /** The account's data export can be downloaded (once) until `expires_at`. */
  data_export_ready: DataExportReady;
  /** To every connection when a runtime flag clients depend on changes: the new values. */
  client_config_changed: ClientConfig;
  /** The account's email, its verification or its linked providers changed: GET /account/sign_in_methods. */
  sign_in_methods_changed: undefined;
}>;

/** Fails to compile when the map misses an EventName of @venus/model or names one that is not. */
type CheckedEventMap<T extends Record<EventName, unknown> & Record<Exclude<keyof T, EventName>, never>> = T;

/** One pushed event with its typed data. */
export interface VenusEvent<E extends EventName = EventName> {
  event: E;
  data: EventDataMap[E];
}

/** Any event, as a union discriminated by `event` (so `e.event === "match"` narrows `e.data`). */
export type AnyVenusEvent = { [E in EventName]: VenusEvent<E> }[EventName];

/** WebSocket request methods: their request bodies and success bodies (the same as the HTTP route's). */
export type WsRequestMap = CheckedRequestMap<{
  "profile.page.reset": { request: BrowseResetRequest; response: BrowseResetResponse };
  "profile.page.next": { request: BrowseNextRequest; response: BrowsePage };
  "chat.send": { request: SendMessageRequest; response: SendMessageResponse };
  "chat.ack": { request: AckMessagesRequest; response: AckBody };
  "chat.sent.ack": { request: AckSentRequest; response: AckBody };
  "chat.seen": { request: SeenRequest; response: OkBody };
  "chat.seen.ack": { request: SeenRequest; response: AckBody };
  "chat.typing": { request: TypingRequest; response: OkBody };
}>;

type CheckedRequestMap<
  T extends Record<WsRequestMethod, { request: unknown; response: unknown }> &
    Record<Exclude<keyof T, WsRequestMethod>, never>,
> = T;

/** Every frame the server sends on `/ws`. */
export type ServerFrame =
  WelcomeFrame | ErrorFrame | DisconnectFrame | ResponseFrame | PongFrame | EventFrame;
