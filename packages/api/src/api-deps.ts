import type { AccountContext } from "@venus/data-account";
import type { ChatContext } from "@venus/data-chat";
import type { HistoryContext } from "@venus/data-history";
import type { MediaContext } from "@venus/data-media";
import type { ProfileContext } from "@venus/data-profile";
import type { PushContext } from "@venus/data-push";
import type { Logger, Metrics, TransportInfo } from "@venus/simple-backend";
import type { MaintenanceNotices } from "./ws/maintenance-notice.js";

/** The server's socket to its local manager, as `/admin/manager/…` uses it (the server implements it). */
export interface LocalManager {
  readonly connected: boolean;
  /** The manager's answer as it is: its status and JSON body (or bytes). */
  request(call: {
    method: "GET" | "POST" | "PUT" | "DELETE";
    /** Path and query, e.g. `/manager/logs?lines=10`. */
    path: string;
    body?: unknown;
  }): Promise<{ status: number; body: unknown }>;
}

/**
 * What route handlers and the WebSocket session reach: data contexts and process facts. It is also
 * the `Components` that data-all operations take.
 */
export interface ApiDeps {
  account: AccountContext;
  profile: ProfileContext;
  media: MediaContext;
  chat: ChatContext;
  /** Server statistics and per-account API usage and addresses (history.sqlite). */
  history: HistoryContext;
  /** Push targets, notification settings and the push outbox (push.sqlite). */
  push: PushContext;
  metrics: Metrics;
  log: Logger;
  version: string;
  /** Which HTTP transport runs and why (for `/health`; nothing else depends on it). */
  transport: TransportInfo;
  startedAt: number;
  /** The maintenance the local manager announced, pushed to every connection. */
  maintenance: MaintenanceNotices;
  /** Undefined when `local_manager.url` is empty. */
  localManager: LocalManager | undefined;
  /** Documents the API; filled in once all routes are known. */
  openApi: () => object;
  /** Documents `/ws` (AsyncAPI). */
  asyncApi: () => object;
}
