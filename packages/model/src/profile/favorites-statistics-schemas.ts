import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

export const FavoritesResponse = Type.Object({ account_ids: Type.Array(AccountId) });
export type FavoritesResponse = Static<typeof FavoritesResponse>;

const AgeCounts = Type.Array(Type.Integer({ minimum: 0 }), {
  description: "Profiles by age: index 0 is age 18, index 81 is age 99.",
});

export const ProfileCounts = Type.Object({
  total: Type.Integer(),
  man: AgeCounts,
  woman: AgeCounts,
  non_binary: AgeCounts,
});
export type ProfileCounts = Static<typeof ProfileCounts>;

export const ProfileStatistics = Type.Object({
  generated_at: Type.Integer({ description: "Unix ms." }),
  /** Public profiles of active accounts: what browsing can find. */
  public: ProfileCounts,
  /** Everything else (private profiles, inactive accounts); admins only. */
  private: Type.Optional(ProfileCounts),
});
export type ProfileStatistics = Static<typeof ProfileStatistics>;

export const StatisticsHistory = Type.Object({
  days: Type.Array(Type.Object({ day: Type.String({ format: "date" }), statistics: ProfileStatistics })),
});
export type StatisticsHistory = Static<typeof StatisticsHistory>;
