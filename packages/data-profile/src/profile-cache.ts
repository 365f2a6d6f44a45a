import type { ProfileStatements } from "@venus/database";
import type { AttributeAnswers, ProfileStatistics } from "@venus/model";
import type { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { AttributeSlab } from "./attributes/attribute-slab.js";
import { ModerationQueue } from "./moderation-queue.js";
import { LOADED_DOUBLES, LoadedProfile, PROFILE_LOAD_COLUMNS } from "./loaded-profile.js";
import { favoritesFromRows, type ModeratedFieldName, type Profile } from "./profile-entity.js";

/** Every profile, favorite list and pending moderation in memory; loaded once at start-up. */
export class ProfileCache {
  readonly profiles = new Map<string, Profile>();
  readonly moderation = new ModerationQueue();
  readonly attributeSlab: AttributeSlab;
  favorites = new Map<string, string[]>();
  readonly statistics: {
    latest?: Required<ProfileStatistics> | undefined;
    history: Map<string, ProfileStatistics>;
  } = {
    history: new Map(),
  };

  constructor(private readonly catalog: AttributeCatalog) {
    this.attributeSlab = new AttributeSlab(catalog.wordCount, 1024, LOADED_DOUBLES);
  }

  /** Stores answers in compact form in the profile's slot (a new slot when it has none yet). */
  encodeAttributes(answers: AttributeAnswers, slot = this.attributeSlab.allocate()): number {
    this.catalog.encodeAnswers(answers, this.attributeSlab.words, this.attributeSlab.offset(slot));
    return slot;
  }

  /** `sharedId` gives the copy of an account id already in memory, so profiles hold no second one. */
  static load(
    statements: ProfileStatements,
    catalog: AttributeCatalog,
    sharedId: (accountId: string) => string = (id) => id,
  ): ProfileCache {
    const cache = new ProfileCache(catalog);
    const pending: { profile: Profile; field: ModeratedFieldName }[] = [];
    // Loaded answers are shared instances: each distinct one is encoded once, then its words copied.
    const encoded = new Map<AttributeAnswers, number>();
    const encode = (answers: AttributeAnswers) => {
      const first = encoded.get(answers);
      if (first === undefined) {
        const slot = cache.encodeAttributes(answers);
        encoded.set(answers, slot);
        return slot;
      }
      const slab = cache.attributeSlab;
      const slot = slab.allocate();
      slab.words.copyWithin(slab.offset(slot), slab.offset(first), slab.offset(first) + slab.stride);
      return slot;
    };
    const loading = { statements, slab: cache.attributeSlab, encode, sharedId };
    for (const row of statements.loadProfiles(PROFILE_LOAD_COLUMNS)) {
      const profile = new LoadedProfile(row, loading);
      cache.profiles.set(profile.accountId, profile);
      for (const field of ["name", "text"] as const) {
        if (profile[field].state === "pending") pending.push({ profile, field });
      }
    }
    pending.sort((a, b) => a.profile[a.field].changedAt - b.profile[b.field].changedAt);
    for (const { profile, field } of pending) {
      cache.moderation.add({ accountId: profile.accountId, field, changedAt: profile[field].changedAt });
    }
    cache.favorites = favoritesFromRows(statements.loadFavorites());
    for (const { day, data } of statements.loadStatisticsHistory()) {
      cache.statistics.history.set(day, JSON.parse(data) as ProfileStatistics);
    }
    return cache;
  }
}
