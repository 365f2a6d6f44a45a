import type { ProfileCounts, ProfileStatistics } from "@venus/model";
import { MAX_AGE, MIN_AGE } from "../age-rules.js";
import type { Profile } from "../profile-entity.js";

function emptyCounts(): ProfileCounts {
  const ages = () => new Array<number>(MAX_AGE - MIN_AGE + 1).fill(0);
  return { total: 0, man: ages(), woman: ages(), non_binary: ages() };
}

/** Counts profiles by gender and age in one pass: `public` those others can see, `private` the rest. */
export function countProfiles(
  profiles: Iterable<Profile>,
  isPublic: (profile: Profile) => boolean,
  now: number,
): Required<ProfileStatistics> {
  const shown = emptyCounts();
  const hidden = emptyCounts();
  for (const profile of profiles) {
    const counts = isPublic(profile) ? shown : hidden;
    counts.total++;
    const ages = counts[profile.gender];
    const at = profile.age - MIN_AGE;
    ages[at] = (ages[at] ?? 0) + 1;
  }
  return { generated_at: now, public: shown, private: hidden };
}
