export { configSection } from "./config/config-section.js";
export { backendConfigProperties } from "./config/backend-config.js";
export { loadConfig, readTomlFile, ConfigError, type LoadConfigOptions } from "./config/load-config.js";
export { renderDefaultConfig } from "./config/default-config-toml.js";
export {
  compileValidator,
  formatIssues,
  type SchemaIssue,
  type Validation,
} from "./validation/schema-validator.js";
export {
  createLogger,
  LOG_FORMATS,
  LOG_LEVELS,
  resolveLogFormat,
  type LogFormat,
  type Logger,
  type LogLevel,
} from "./logger.js";
export { Metrics, LATENCY_BUCKETS } from "./metrics/metrics.js";
export { countInternalError } from "./metrics/internal-errors.js";
export { lockDataDir, DataDirLockedError } from "./process/data-dir-lock.js";
export { Shutdown } from "./process/shutdown.js";
export { SystemdNotifier } from "./process/systemd-notifier.js";
export { createTransport, TransportUnavailableError, type TransportChoice } from "./http/create-transport.js";
export type { Transport, TransportInfo, TransportName, DiscardLimits } from "./http/transport.js";
export { loadNativeUws } from "./http/uws/native-uws.js";
export { HttpServer, type HttpServerOptions, type RouteOptions } from "./http/http-server.js";
export {
  errorReply,
  type HttpHandler,
  type HttpMethod,
  type HttpReply,
  type HttpRequestContext,
} from "./http/http-types.js";
export { ipv6Groups } from "./http/ipv6-groups.js";
export {
  clientAddress,
  normalizeAddress,
  NO_TRUSTED_PROXIES,
  trustedProxies,
  type ProxyHeader,
  type TrustedProxies,
} from "./http/remote-address.js";
export {
  buildOpenApi,
  type OpenApiOptions,
  type OpenApiResponse,
  type OpenApiRoute,
} from "./http/openapi.js";
export { SchemaComponents } from "./http/openapi-components.js";
export { operationId } from "./http/openapi-operation.js";
export { errorBodySchema, type ErrorCatalog } from "./http/openapi-errors.js";
export {
  addWebSocketEndpoint,
  MSGPACK_SUBPROTOCOL,
  type Connection,
  type WebSocketHandlers,
  type WebSocketOptions,
} from "./ws/websocket-endpoint.js";
export { RateLimiter, TokenBucket } from "./rate-limiter.js";
export { FailureBackoff, type BackoffRule } from "./failure-backoff.js";
export { DailySchedule, nextDailyRun, parseTimeOfDay } from "./process/daily-schedule.js";
export { SettableClock, SYSTEM_CLOCK, type Clock } from "./process/clock.js";
export {
  encodeFrame,
  FrameDecoder,
  FrameTooLargeError,
  DEFAULT_MAX_FRAME_BYTES,
} from "./process/frame-codec.js";
export {
  SupervisedWorker,
  type SupervisedWorkerOptions,
  type RequestOptions,
  type WorkerJob,
} from "./process/supervised-worker.js";
export { exitWhenOrphaned } from "./process/orphan-watch.js";
export {
  WorkerError,
  WorkerBusyError,
  WorkerCrashedError,
  WorkerStoppedError,
  WorkerTimeoutError,
} from "./process/worker-errors.js";
export { restartDelay } from "./process/restart-backoff.js";
export {
  SupervisedProcess,
  type SupervisedProcessOptions,
  type ProcessStatus,
} from "./process/supervised-process.js";
export { MailRefusedError, type OutgoingMail, type MailTransport } from "./mail/outgoing-mail.js";
export { createSmtpTransport, type SmtpSettings } from "./mail/smtp-transport.js";
export { FolderTransport } from "./mail/folder-transport.js";
export type { MailOutboxStore, QueuedMail } from "./mail/mail-outbox-store.js";
export { MailOutbox, type MailOutboxOptions } from "./mail/mail-outbox.js";
export { nestsDeeperThan } from "./validation/json-depth.js";
export { writeFileAtomic } from "./files/write-file-atomic.js";
export { makeDataDirPrivate, type ModeFix } from "./files/private-data-dir.js";
export { loadStaticSite, type StaticFile, type StaticSite } from "./http/static/static-site.js";
export { CONTENT_SECURITY_POLICY, mountStaticSite, staticHandler } from "./http/static/static-handler.js";
