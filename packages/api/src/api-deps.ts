import type { AccountContext } from "@venus/data-account";
import type { Logger, Metrics } from "@venus/simple-backend";

/** What route handlers and the WebSocket session reach: data contexts and process facts. */
export interface ApiDeps {
  account: AccountContext;
  metrics: Metrics;
  log: Logger;
  version: string;
  startedAt: number;
  /** Documents the API; filled in once all routes are known. */
  openApi: () => object;
}
