import type { Profile } from "../profile-entity.js";

/** Both sides want each other: each one's gender is wanted by the other, each one's age is in the other's range. */
export function mutuallyWanted(a: Profile, b: Profile): boolean {
  return (
    a.wantedGenders.includes(b.gender) &&
    b.wantedGenders.includes(a.gender) &&
    b.age >= a.wantedAgeMin &&
    b.age <= a.wantedAgeMax &&
    a.age >= b.wantedAgeMin &&
    a.age <= b.wantedAgeMax
  );
}
