import type { HistoryStatements } from "@venus/database";
import type { GroupCommitWriter, LiveConnection } from "@venus/data-common";
import type { VenusConfig } from "@venus/model";
import type { AccountUsage } from "./account-usage.js";
import type { AddressSightings } from "./address-sightings.js";
import type { HourWindow } from "./hour-window.js";

/** What the history component reads from the others, passed in by the server (it imports none of them). */
export interface HistorySources {
  /** Every live WebSocket connection now. */
  connections(): Iterable<LiveConnection>;
  /** Every account id. */
  accountIds(): Iterable<string>;
  isBot(accountId: string): boolean;
}

/** Everything a history operation works with. */
export interface HistoryContext {
  config: VenusConfig;
  statements: HistoryStatements;
  writer: GroupCommitWriter;
  sources: HistorySources;
  /** The current hour's samples and request counts. */
  window: HourWindow;
  usage: AccountUsage;
  addresses: AddressSightings;
  now: () => number;
}
