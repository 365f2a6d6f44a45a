import type { AutomaticSearchStatements, ProfileStatements } from "@venus/database";
import type {
  ConnectionRegistry,
  GroupCommitWriter,
  ModerationSignal,
  Presence,
  PushCauses,
} from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { ProfileCache } from "./profile-cache.js";
import type { AutomaticSearches } from "./automatic-search/automatic-searches.js";
import type { NewProfiles } from "./automatic-search/new-profiles.js";
import type { AttributeCatalog } from "./attributes/attribute-catalog.js";
import type { BrowseSessions } from "./browse/browse-sessions.js";
import type { Listing } from "./listing.js";
import type { TextRules } from "./text-rules.js";

/** Everything a profile operation works with. */
export interface ProfileContext {
  config: VenusConfig;
  cache: ProfileCache;
  /** The daily browsing limits (`daily_page_resets`, `daily_pages`) are runtime flags: read here. */
  flags: RuntimeFlagReader;
  statements: ProfileStatements;
  writer: GroupCommitWriter;
  connections: ConnectionRegistry;
  presence: Presence;
  textRules: TextRules;
  attributes: AttributeCatalog;
  listing: Listing;
  browse: BrowseSessions;
  /** Recently listed profiles, in their own location index: what automatic searches scan. */
  newProfiles: NewProfiles;
  /** Every account's automatic search and the queue of runs due. */
  automaticSearch: AutomaticSearches;
  automaticSearchStatements: AutomaticSearchStatements;
  /** Bot accounts are left out of user statistics; asked of the account component. */
  isBot: (accountId: string) => boolean;
  /** Whether the account is verified (selfie matches the face image); asked of the media component. */
  isVerified: (accountId: string) => boolean;
  /** Raised when a name or text joins the moderation queue. */
  moderationQueued: ModerationSignal;
  /** Pushes this component's writes cause, recorded in their commit (docs/push.md). */
  push: PushCauses;
  now: () => number;
}
