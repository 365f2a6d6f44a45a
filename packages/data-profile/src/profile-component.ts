import {
  AutomaticSearchStatements,
  PROFILE_MIGRATIONS,
  ProfileStatements,
  type Database,
} from "@venus/database";
import {
  openStore,
  PushCauses,
  type GroupCommitWriter,
  type ConnectionRegistry,
  type ModerationSignal,
  type Presence,
  type SyncVersions,
  type WriteBehindFlusher,
  type WriterMetrics,
} from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { ProfileContext } from "./context.js";
import { BrowseSessions } from "./browse/browse-sessions.js";
import { AutomaticSearches } from "./automatic-search/automatic-searches.js";
import { NewProfiles } from "./automatic-search/new-profiles.js";
import { Listing } from "./listing.js";
import { profileMatchKey } from "./browse/match-key.js";
import { LocationIndex } from "./location/location-index.js";
import { AttributeCatalog } from "./attributes/attribute-catalog.js";
import {
  DEFAULT_ATTRIBUTES_FILE,
  loadAttributeDefinitions,
} from "./attributes/load-attribute-definitions.js";
import { ProfileCache } from "./profile-cache.js";
import type { Profile } from "./profile-entity.js";
import { TextRules } from "./text-rules.js";

export interface ProfileComponentOptions {
  config: VenusConfig;
  /** The runtime flags (the account component's store). */
  flags: RuntimeFlagReader;
  log: Logger;
  writerMetrics: WriterMetrics;
  connections: ConnectionRegistry;
  presence: Presence;
  sync: SyncVersions;
  moderationQueued: ModerationSignal;
  /** Whether an account may be listed (state `normal`); asked of the account component. */
  accountActive: (accountId: string) => boolean;
  isBot: (accountId: string) => boolean;
  isVerified: (accountId: string) => boolean;
  /** The account component's copy of an account id, shared by the loaded profile (memory). */
  sharedId?: (accountId: string) => string;
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
  /** Flushes when profiles entered the listing (write-behind); none in tests that need no restart. */
  flusher?: WriteBehindFlusher;
}

/** Opens `profile.sqlite`, loads every profile into memory and builds the location index from them. */
export function openProfileComponent(options: ProfileComponentOptions): {
  ctx: ProfileContext;
  db: Database;
  writer: GroupCommitWriter;
} {
  const { config } = options;
  const { db, writer } = openStore({ ...options, name: "profile", migrations: PROFILE_MIGRATIONS });
  const statements = new ProfileStatements(db);
  const { cell_km, ...box } = config.profile.location;
  const listing = new Listing(
    new LocationIndex<Profile>(box, cell_km, profileMatchKey),
    options.accountActive,
  );
  const attributes = new AttributeCatalog(
    loadAttributeDefinitions(config.profile.attributes_file || DEFAULT_ATTRIBUTES_FILE),
  );
  const cache = ProfileCache.load(statements, attributes, options.sharedId);
  for (const profile of cache.profiles.values()) listing.sync(profile);
  const now = options.now ?? Date.now;
  const searchStatements = new AutomaticSearchStatements(db);
  const lookbackMs = config.automatic_search.lookback_days * 86_400_000;
  const newProfiles = new NewProfiles(box, cell_km, lookbackMs, now, writer, searchStatements);
  for (const { account_id, listed_at } of searchStatements.listedSince(now() - lookbackMs)) {
    const profile = cache.profiles.get(account_id);
    if (profile && listing.index.get(account_id)) newProfiles.restore(profile, listed_at);
  }
  listing.watch(newProfiles);
  options.flusher?.add(newProfiles.persisted);
  const automaticSearch = new AutomaticSearches(now);
  automaticSearch.load(searchStatements.all());
  const ctx: ProfileContext = {
    config,
    cache,
    flags: options.flags,
    statements,
    writer,
    connections: options.connections,
    presence: options.presence,
    textRules: new TextRules(config.profile),
    attributes,
    listing,
    browse: new BrowseSessions(),
    newProfiles,
    automaticSearch,
    automaticSearchStatements: searchStatements,
    isBot: options.isBot,
    isVerified: options.isVerified,
    moderationQueued: options.moderationQueued,
    push: new PushCauses(writer, now),
    now,
  };
  options.sync.register("profile", (id) => cache.profiles.get(id)?.version ?? 0);
  options.sync.register("automatic_search", (id) => automaticSearch.states.get(id)?.version ?? 0);
  return { ctx, db, writer };
}
