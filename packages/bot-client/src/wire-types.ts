import type { Static } from "@sinclair/typebox";
import type {
  AckMessagesRequest,
  AckResponse,
  AckSentRequest,
  AccountStateResponse,
  BrowseNextRequest,
  BrowsePage,
  BrowseResetRequest,
  BrowseResetResponse,
  ClientConfig,
  DailyTaskReport,
  DataExportReady,
  DeliveredEvent,
  DisconnectFrame,
  ErrorFrame,
  EventFrame,
  EventName,
  HealthResponse,
  LikeReceivedEvent,
  MaintenanceNotice,
  MatchEvent,
  ModerationQueueEvent,
  MessageEnvelope,
  NewLikesCount,
  OkResponse,
  PongFrame as PongFrameSchema,
  ProfileVersion,
  ProcessingStatus,
  PublishKeyResponse,
  PushTarget,
  PushTargetResponse,
  ResponseFrame,
  SeenReceipt,
  SeenRequest,
  SendMessageRequest,
  SendMessageResponse,
  TypingEvent,
  TypingRequest,
  VersionEvent,
  VisibilityRequest,
  NewsChangedEvent,
  AutomaticSearchChangedEvent,
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

/** `{version}`: the answer of `PUT /profile/location|visibility|privacy`. */
export type VersionBody = ProfileVersion;

/** `GET /health`. */
export type HealthBody = HealthResponse;

/** `POST /admin/daily_task/run`. */
export type DailyTaskBody = DailyTaskReport;

/**
 * The `data` of each event, by name, as the server publishes it. The sync events sent right after
 * `welcome` (`<type>_changed` for a stale `hello.sync` entry) carry no data, hence `| undefined` on
 * the events that also come live with data.
 */
export type EventDataMap = CheckedEventMap<{
  account_state_changed: AccountStateResponse | undefined;
  profile_changed: VersionEvent | undefined;
  media_content_changed: VersionEvent | undefined;
  content_processing_state: ProcessingStatus;
  matches_changed: undefined;
  received_likes_changed: undefined;
  like_received: LikeReceivedEvent;
  match: MatchEvent;
  new_message: MessageEnvelope;
  delivered: DeliveredEvent;
  seen: SeenReceipt;
  typing: TypingEvent;
  /** To moderators of that queue. */
  moderation_queue_changed: ModerationQueueEvent;
  /** To every connection: maintenance starts at `start`, or (`start: null`) no longer comes. */
  maintenance: MaintenanceNotice;
  /** The account's data export can be downloaded (once) until `expires_at`. */
  data_export_ready: DataExportReady;
  /** To every connection when a runtime flag clients depend on changes: the new values. */
  client_config_changed: ClientConfig;
  /** The account's email, its verification or its linked providers changed: GET /account/sign_in_methods. */
  sign_in_methods_changed: undefined;
  /** Published news changed (or, after `welcome`, the `news` sync version is stale): GET /news. */
  news_changed: NewsChangedEvent | undefined;
  /** An automatic search ran (or, after `welcome`, its sync version is stale): GET /profile/automatic_search/results. */
  automatic_search_changed: AutomaticSearchChangedEvent | undefined;
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
  "account.push_target.set": { request: PushTarget; response: PushTargetResponse };
}>;

type CheckedRequestMap<
  T extends Record<WsRequestMethod, { request: unknown; response: unknown }> &
    Record<Exclude<keyof T, WsRequestMethod>, never>,
> = T;

/** Every frame the server sends on `/ws`. */
export type ServerFrame =
  WelcomeFrame | ErrorFrame | DisconnectFrame | ResponseFrame | PongFrame | EventFrame;
