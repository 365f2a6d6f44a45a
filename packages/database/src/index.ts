export { openDatabase, type Database } from "./open-database.js";
export {
  openCheckpointConnection,
  checkpointTruncate,
  type CheckpointResult,
} from "./checkpoint-connection.js";
export { migrate, type Migration } from "./migrations.js";
export type { Columns } from "./read-columns.js";
export { ACCOUNT_MIGRATIONS } from "./account/account-migrations.js";
export { AccountStatements } from "./account/account-statements.js";
export { NewsStatements, type NewsItemRow } from "./account/news-statements.js";
export { UnusedWarningStatements } from "./account/unused-warning-statements.js";
export { DeletionReminderStatements } from "./account/deletion-reminder-statements.js";
export { CustomMailStatements, type UnsubscribeRow } from "./account/custom-mail-statements.js";
export type {
  AccountRow,
  AccountLoadRow,
  SessionRow,
  SessionDeviceRow,
  RetiredRefreshRow,
  AuditRow,
  DeletionColumns,
} from "./account/account-rows.js";
export type { AuditQuery } from "./account/audit-statements.js";
export type { MailOutboxRow, NewMailRow } from "./account/mail-outbox-statements.js";
export type { EmailCodeRow, EmailVerificationRow, OidcIdentityRow } from "./account/sign-in-statements.js";
export { PROFILE_MIGRATIONS } from "./profile/profile-migrations.js";
export { PROFILE_COLUMNS, ProfileStatements } from "./profile/profile-statements.js";
export { AutomaticSearchStatements, type AutomaticSearchRow } from "./profile/automatic-search-statements.js";
export type { ProfileRow, ProfileLoadRow, FavoriteRow, StoredFieldRow } from "./profile/profile-rows.js";
export { MEDIA_MIGRATIONS } from "./media/media-migrations.js";
export { MediaStatements } from "./media/media-statements.js";
export type { ContentRow, MediaAccountRow } from "./media/media-rows.js";
export { CHAT_MIGRATIONS } from "./chat/chat-migrations.js";
export { ChatStatements } from "./chat/chat-statements.js";
export {
  ReportStatements,
  type WaitingReportRow,
  type ReportPageQuery,
  type ReportDecisionRow,
} from "./chat/report-statements.js";
export type {
  ChatAccountRow,
  LikeRow,
  MatchRow,
  BlockRow,
  PublicKeyRow,
  MessageRow,
  SeenReceiptRow,
  ReportRow,
} from "./chat/chat-rows.js";
export { HISTORY_MIGRATIONS } from "./history/history-migrations.js";
export { HistoryStatements, type PrunedRows } from "./history/history-statements.js";
export type {
  HourlyRow,
  HourlyRouteRow,
  AccountUsageRow,
  AccountAddressRow,
} from "./history/history-rows.js";
export { PUSH_MIGRATIONS } from "./push/push-migrations.js";
export { PushStatements } from "./push/push-statements.js";
export type {
  PushTargetRow,
  NotificationSettingsRow,
  PushDeliveryRow,
  NewDeliveryRow,
} from "./push/push-rows.js";
export {
  pushCauseOutboxMigration,
  pushCauseSenderMigration,
  PushCauseStatements,
  type PushCauseRow,
} from "./push/push-cause-outbox.js";
