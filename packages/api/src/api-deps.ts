import type { AccountContext } from "@venus/data-account";
import type { ChatContext } from "@venus/data-chat";
import type { MediaContext } from "@venus/data-media";
import type { ProfileContext } from "@venus/data-profile";
import type { Logger, Metrics } from "@venus/simple-backend";

/**
 * What route handlers and the WebSocket session reach: data contexts and process facts. It is also
 * the `Components` that data-all operations take.
 */
export interface ApiDeps {
  account: AccountContext;
  profile: ProfileContext;
  media: MediaContext;
  chat: ChatContext;
  metrics: Metrics;
  log: Logger;
  version: string;
  startedAt: number;
  /** Documents the API; filled in once all routes are known. */
  openApi: () => object;
}
