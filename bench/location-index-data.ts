/** Synthetic profiles for the location index benchmark: dense cities, a uniform rest, one empty region. */
import type { GeoBox } from "../packages/data-profile/src/index.js";
import { packMatchKey } from "../packages/data-profile/src/browse/match-key.js";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";

export const FINLAND: GeoBox = { north: 70.1, south: 59.8, west: 19.5, east: 31.6 };

/** 70% of the profiles, around city centres (normal distribution, `spreadKm` standard deviation). */
const CITIES = [
  { lat: 60.17, lon: 24.94, share: 0.3, spreadKm: 12 }, // Helsinki
  { lat: 61.5, lon: 23.76, share: 0.12, spreadKm: 8 }, // Tampere
  { lat: 60.45, lon: 22.27, share: 0.1, spreadKm: 8 }, // Turku
  { lat: 65.01, lon: 25.47, share: 0.08, spreadKm: 6 }, // Oulu
  { lat: 62.24, lon: 25.75, share: 0.05, spreadKm: 5 }, // Jyväskylä
  { lat: 62.89, lon: 27.68, share: 0.05, spreadKm: 5 }, // Kuopio
];
export const DENSE_CITY = CITIES[0] as { lat: number; lon: number };
/** Nobody lives north-east of (68.4, 27.2); this viewer is about 100 km from anyone. */
export const EMPTY_REGION = { lat: 69.4, lon: 29.6 };
const isEmptyRegion = (lat: number, lon: number) => lat > 68.4 && lon > 27.2;

/** Gender as a bit (man 1, woman 2, non-binary 4), the genders wanted as a mask, age and wanted ages. */
export interface MatchFilter {
  gender: number;
  wants: number;
  age: number;
  minAge: number;
  maxAge: number;
}

export interface Profiles {
  ids: string[];
  lat: Float64Array;
  lon: Float64Array;
  filters: MatchFilter[];
}

export function randomFilter(random: () => number): MatchFilter {
  const g = random();
  const gender = g < 0.47 ? 1 : g < 0.94 ? 2 : 4;
  const w = random();
  const opposite = gender === 1 ? 2 : 1;
  const wants = w < 0.85 ? opposite : w < 0.92 ? gender : 7;
  const age = 18 + Math.floor(random() * 50);
  return { gender, wants, age, minAge: Math.max(18, age - 8), maxAge: age + 8 };
}

/** Both sides match: each one's gender is wanted by the other, each one's age in the other's range. */
export function matches(a: MatchFilter, b: MatchFilter): boolean {
  return (
    (a.wants & b.gender) !== 0 &&
    (b.wants & a.gender) !== 0 &&
    b.age >= a.minAge &&
    b.age <= a.maxAge &&
    a.age >= b.minAge &&
    a.age <= b.maxAge
  );
}

/** The filter as the key the index keeps for the two-sided match (as the server packs a profile). */
export const matchKeyOf = (f: MatchFilter): number =>
  packMatchKey(f.gender, f.wants, f.age, f.minAge, f.maxAge);

/** A random UUID-shaped id, as one flat string like those read from SQLite (not a rope of parts). */
function uuid(random: () => number): string {
  const chars: string[] = [];
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) chars.push("-");
    chars.push(Math.floor(random() * 16).toString(16));
  }
  return chars.join("");
}

/** A standard normal sample (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function generateProfiles(count: number, seed: number): Profiles {
  const random = seededRandom(seed);
  const profiles: Profiles = {
    ids: [],
    lat: new Float64Array(count),
    lon: new Float64Array(count),
    filters: [],
  };
  for (let i = 0; i < count; i++) {
    let pick = random();
    const city = CITIES.find((c) => (pick -= c.share) < 0);
    let lat: number;
    let lon: number;
    if (city) {
      lat = city.lat + (normal(random) * city.spreadKm) / 111.2;
      lon = city.lon + (normal(random) * city.spreadKm) / (111.2 * Math.cos((lat * Math.PI) / 180));
    } else {
      do {
        lat = FINLAND.south + random() * (FINLAND.north - FINLAND.south);
        lon = FINLAND.west + random() * (FINLAND.east - FINLAND.west);
      } while (isEmptyRegion(lat, lon));
    }
    profiles.lat[i] = lat;
    profiles.lon[i] = lon;
    profiles.ids.push(uuid(random));
    profiles.filters.push(randomFilter(random));
  }
  return profiles;
}

/** A viewer within `spreadKm` of a place, with random match filters. */
export function randomViewer(random: () => number, place: { lat: number; lon: number }, spreadKm: number) {
  return {
    lat: place.lat + ((random() - 0.5) * 2 * spreadKm) / 111.2,
    lon: place.lon + ((random() - 0.5) * 2 * spreadKm) / (111.2 * Math.cos((place.lat * Math.PI) / 180)),
    filter: randomFilter(random),
  };
}
