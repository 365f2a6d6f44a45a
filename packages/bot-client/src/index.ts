export { VenusApiError, isVenusApiError } from "./venus-api-error.js";
export { attempt, refusal, type ApiResult } from "./attempt.js";
export {
  HttpApi,
  routePath,
  type BinaryAnswer,
  type HttpAnswer,
  type HttpApiOptions,
  type HttpCall,
  type HttpVerb,
  type QueryValue,
} from "./http-api.js";
export {
  EventQueue,
  EventTimeoutError,
  isEvent,
  type EventQueueOptions,
  type WaitOptions,
} from "./event-queue.js";
export {
  VenusSocket,
  VenusSocketError,
  type ClientInfo,
  type HelloOptions,
  type SocketAnswer,
  type SocketClosed,
  type SocketErrorCode,
  type VenusSocketOptions,
} from "./venus-socket.js";
export { VenusClient, websocketUrl, type ConnectOptions, type VenusClientOptions } from "./venus-client.js";
export { BotLogin, localBotUrl } from "./bot-login.js";
export { BOT_CLIENT_VERSION } from "./client-version.js";
export type { ApiContext, Via, ViaOption } from "./api-context.js";
export { AccountMethods } from "./account-methods.js";
export { DeviceMethods } from "./device-methods.js";
export { ProfileMethods } from "./profile-methods.js";
export { MediaMethods, type ContentFile, type FinalProcessingStatus } from "./media-methods.js";
export { ChatMethods } from "./chat-methods.js";
export { AdminMethods } from "./admin-methods.js";
export { ReportMethods } from "./report-methods.js";
export { StatisticsMethods } from "./statistics-methods.js";
export { SystemMethods } from "./system-methods.js";
export type {
  AckBody,
  AnyVenusEvent,
  DailyTaskBody,
  EventDataMap,
  HealthBody,
  NewLikesCountBody,
  OkBody,
  PongFrame,
  PublishKeyBody,
  ServerFrame,
  VenusEvent,
  VersionBody,
  VisibilityBody,
  WsRequestMap,
} from "./wire-types.js";
export {
  decide,
  imageRules,
  textRules,
  type Decision,
  type ImageItem,
  type ModerationRule,
  type TextItem,
} from "./moderation/moderation-rules.js";
export {
  ModerationBotDisconnected,
  runModerationBot,
  type ModerationBotOptions,
} from "./moderation/moderation-bot.js";
export { runUserBot, type UserBotOptions } from "./user-bot/run-user-bot.js";
export { generateBotImage, randomSvg, type GeneratedImageOptions } from "./user-bot/generate-image.js";
export { chooseIdentity, type BotIdentity } from "./user-bot/bot-identity.js";
export { birthdateForAge } from "./user-bot/birthdate.js";
export { distanceKm, randomPointWithin, type GeoPoint } from "./user-bot/geo-point.js";
export { seededRandom } from "./user-bot/seeded-random.js";
export {
  ServerUnreachableError,
  pairPartners,
  runLoad,
  type LoadOptions,
  type LoadProgress,
} from "./load/load-runner.js";
export { formatLoadTable } from "./load/summary-table.js";
export { loadReportJson, type LoadReport, type RouteReport } from "./load/load-report.js";
export type { LatencySummary } from "./load/latency-recorder.js";
