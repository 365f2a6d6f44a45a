import { NewsChangedEvent } from "../news/news-schemas.js";
import { AutomaticSearchChangedEvent } from "../profile/automatic-search-schemas.js";
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { AccountStateResponse } from "../account/account-state.js";
import { DataExportReady } from "../account/deletion-export-schemas.js";
import { DeliveredReceipt, MessageEnvelope, SeenReceipt } from "../chat/message-schemas.js";
import { ClientConfig } from "../flags.js";
import { AccountId } from "../ids.js";
import { MaintenanceNotice } from "../manager/maintenance-schemas.js";
import { ProcessingStatus } from "../media/media-schemas.js";
import type { EventName } from "./frames.js";

export const LikeReceivedEvent = Type.Object({
  account_id: AccountId,
  new_count: Type.Integer({ minimum: 0 }),
});
export type LikeReceivedEvent = Static<typeof LikeReceivedEvent>;
export const MatchEvent = Type.Object({
  account_id: AccountId,
  matched_at: Type.Integer({ description: "Unix ms." }),
});
export type MatchEvent = Static<typeof MatchEvent>;
export const DeliveredEvent = Type.Object({ receipts: Type.Array(DeliveredReceipt) });
export type DeliveredEvent = Static<typeof DeliveredEvent>;
export const TypingEvent = Type.Object({ account_id: AccountId, typing: Type.Boolean() });
export type TypingEvent = Static<typeof TypingEvent>;
export const ModerationQueueEvent = Type.Object({
  queue: Type.Union([Type.Literal("images"), Type.Literal("texts")]),
});
export type ModerationQueueEvent = Static<typeof ModerationQueueEvent>;
/** A cached list's or entity's new version (`profile_changed`, `media_content_changed`). */
export const VersionEvent = Type.Object({ version: Type.Integer({ minimum: 0 }) });
export type VersionEvent = Static<typeof VersionEvent>;

/**
 * The `data` of each event; `null` for an event without data. The sync events a connection gets after
 * `welcome` (`SYNC_EVENTS`) come without data there: the client fetches what changed.
 */
export const EVENT_DATA = {
  account_state_changed: AccountStateResponse,
  profile_changed: VersionEvent,
  media_content_changed: VersionEvent,
  content_processing_state: ProcessingStatus,
  matches_changed: null,
  received_likes_changed: null,
  like_received: LikeReceivedEvent,
  match: MatchEvent,
  new_message: MessageEnvelope,
  delivered: DeliveredEvent,
  seen: SeenReceipt,
  typing: TypingEvent,
  moderation_queue_changed: ModerationQueueEvent,
  maintenance: MaintenanceNotice,
  data_export_ready: DataExportReady,
  client_config_changed: ClientConfig,
  sign_in_methods_changed: Type.Object({}),
  news_changed: NewsChangedEvent,
  automatic_search_changed: AutomaticSearchChangedEvent,
} as const satisfies Record<EventName, TSchema | null>;

/** Events that also come without `data`, as the sync after `welcome` says "this changed". */
export const SYNC_EVENTS = [
  "account_state_changed",
  "profile_changed",
  "media_content_changed",
  "matches_changed",
  "received_likes_changed",
  "news_changed",
  "automatic_search_changed",
] as const satisfies readonly EventName[];
