import type { ProfileStatements } from "@venus/database";
import type { ProfileStatistics } from "@venus/model";
import type { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { ModerationQueue } from "./moderation-queue.js";
import {
  favoritesFromRows,
  profileFromRow,
  type ModeratedFieldName,
  type Profile,
} from "./profile-entity.js";

/** Every profile, favorite list and pending moderation in memory; loaded once at start-up. */
export class ProfileCache {
  readonly profiles = new Map<string, Profile>();
  readonly moderation = new ModerationQueue();
  favorites = new Map<string, string[]>();
  readonly statistics: {
    latest?: Required<ProfileStatistics> | undefined;
    history: Map<string, ProfileStatistics>;
  } = {
    history: new Map(),
  };

  static load(statements: ProfileStatements, catalog: AttributeCatalog): ProfileCache {
    const cache = new ProfileCache();
    const pending: { profile: Profile; field: ModeratedFieldName }[] = [];
    for (const row of statements.loadProfiles()) {
      const profile = profileFromRow(row, (answers) => catalog.encodeAnswers(answers));
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
