import { PROFILE_COLUMNS, type ProfileStatements } from "@venus/database";
import type { AttributeAnswers, ProfileStatistics } from "@venus/model";
import type { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { AttributeSlab } from "./attributes/attribute-slab.js";
import { ModerationQueue } from "./moderation-queue.js";
import {
  favoritesFromRows,
  profileFromColumns,
  type ModeratedFieldName,
  type Profile,
} from "./profile-entity.js";

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
    this.attributeSlab = new AttributeSlab(catalog.wordCount);
  }

  /** Stores answers in compact form in the profile's slot (a new slot when it has none yet). */
  encodeAttributes(answers: AttributeAnswers, slot = this.attributeSlab.allocate()): number {
    this.catalog.encodeAnswers(answers, this.attributeSlab.words, this.attributeSlab.offset(slot));
    return slot;
  }

  static load(statements: ProfileStatements, catalog: AttributeCatalog): ProfileCache {
    const cache = new ProfileCache(catalog);
    const pending: { profile: Profile; field: ModeratedFieldName }[] = [];
    const encode = (answers: AttributeAnswers) => cache.encodeAttributes(answers);
    for (const row of statements.loadProfiles(PROFILE_COLUMNS)) {
      const profile = profileFromColumns(row, encode);
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
