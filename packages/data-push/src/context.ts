import type { PushStatements } from "@venus/database";
import type { GroupCommitWriter, PushCauses } from "@venus/data-common";
import type { NotificationSettings, PushProvider, VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { PushMetrics } from "./push-metrics.js";
import type { PushTargets } from "./push-targets.js";
import type { VapidKeys } from "./vapid-keys.js";

/** A signed-in device as the push component needs it. */
export interface PushSession {
  accountId: string;
  /** Its last HTTP request or connection (unix ms): a device used after an event has seen it. */
  lastUsedAt: number;
}

/** What the push component reads from the others, passed in by the server (it imports none of them). */
export interface PushSources {
  /** The session, or undefined once it has ended (logout, sign-out, account deletion). */
  session(sessionId: string): PushSession | undefined;
  /** Its WebSocket is connected now. */
  isLive(sessionId: string): boolean;
  /** The account's profile name as others see it (accepted by moderation), for push.include_names. */
  profileName(accountId: string): string | undefined;
  /** Every component database whose writes cause pushes. */
  causes: readonly PushCauses[];
}

export interface AccountNotifications {
  settings: NotificationSettings;
  /** The last reminder email (unix ms). */
  remindedAt: number | null;
  unsubscribeToken: string | null;
}

/** Everything a push operation works with. */
export interface PushContext {
  config: VenusConfig;
  statements: PushStatements;
  writer: GroupCommitWriter;
  targets: PushTargets;
  /** Accounts that changed their settings; the others have the defaults. */
  settings: Map<string, AccountNotifications>;
  /** Reminder unsubscribe token → account. */
  unsubscribeTokens: Map<string, string>;
  sources: PushSources;
  /** Providers this server sends through (push.<provider>.enabled). */
  enabled: ReadonlySet<PushProvider>;
  vapid: VapidKeys | undefined;
  metrics: PushMetrics;
  log: Logger;
  now: () => number;
  /** Deliveries waiting per provider (bounded by push.max_queued_per_provider). */
  queued: Map<PushProvider, number>;
  /** Looks at waiting push causes again (settings changed: quiet hours may have ended). */
  wakeDispatcher(): void;
  /** Wakes the sender of a provider after deliveries were queued. */
  wakeSender(provider: PushProvider): void;
}
