import { GENDERS } from "@venus/model";
import type { Profile } from "../profile-entity.js";

/**
 * The two-sided match of mutual-match.ts on one small integer per profile, which the location index
 * keeps beside the coordinates so a browse scan rejects most of a cell without reading a profile:
 * bits 0–2 the gender (one bit), 3–5 the wanted genders, then 7 bits each for the age, the lowest
 * and the highest wanted age (ages are 18–99).
 */
const AGE_BITS = 7;
const AGE_MASK = (1 << AGE_BITS) - 1;
const AGE_SHIFT = 6;
const MIN_SHIFT = AGE_SHIFT + AGE_BITS;
const MAX_SHIFT = MIN_SHIFT + AGE_BITS;

/** Gender as one bit and wanted genders as a mask of those bits, with ages as they are. */
export function packMatchKey(gender: number, wanted: number, age: number, minAge: number, maxAge: number) {
  return (
    (gender & 7) |
    ((wanted & 7) << 3) |
    ((age & AGE_MASK) << AGE_SHIFT) |
    ((minAge & AGE_MASK) << MIN_SHIFT) |
    ((maxAge & AGE_MASK) << MAX_SHIFT)
  );
}

const genderBit = (gender: string) => 1 << GENDERS.indexOf(gender as (typeof GENDERS)[number]);

export function profileMatchKey(profile: Profile): number {
  let wanted = 0;
  for (const gender of profile.wantedGenders) wanted |= genderBit(gender);
  return packMatchKey(
    genderBit(profile.gender),
    wanted,
    profile.age,
    profile.wantedAgeMin,
    profile.wantedAgeMax,
  );
}

/** Whether the profile of `key` and the viewer of `viewerKey` want each other. */
export function mutualKeyMatch(viewerKey: number): (key: number) => boolean {
  const gender = viewerKey & 7;
  const wanted = (viewerKey >> 3) & 7;
  const age = (viewerKey >> AGE_SHIFT) & AGE_MASK;
  const minAge = (viewerKey >> MIN_SHIFT) & AGE_MASK;
  const maxAge = (viewerKey >> MAX_SHIFT) & AGE_MASK;
  return (key) => {
    const keyAge = (key >> AGE_SHIFT) & AGE_MASK;
    return (
      (key & wanted) !== 0 &&
      ((key >> 3) & gender) !== 0 &&
      keyAge >= minAge &&
      keyAge <= maxAge &&
      age >= ((key >> MIN_SHIFT) & AGE_MASK) &&
      age <= ((key >> MAX_SHIFT) & AGE_MASK)
    );
  };
}
