import type { ProfileStatements } from "@venus/database";
import type { ConnectionRegistry, GroupCommitWriter, Presence } from "@venus/data-common";
import type { VenusConfig } from "@venus/model";
import type { ProfileCache } from "./profile-cache.js";
import type { Listing } from "./listing.js";
import type { TextRules } from "./text-rules.js";

/** Everything a profile operation works with. */
export interface ProfileContext {
  config: VenusConfig;
  cache: ProfileCache;
  statements: ProfileStatements;
  writer: GroupCommitWriter;
  connections: ConnectionRegistry;
  presence: Presence;
  textRules: TextRules;
  listing: Listing;
  now: () => number;
}
