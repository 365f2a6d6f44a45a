import { describe, expect, it } from "vitest";
import { haversineKm } from "./geo.js";
import { seededRandom } from "./seeded-random.js";
import type { GeoBox } from "./grid.js";
import { LocationIndex, type LocationEntry } from "./location-index.js";
import { ProfileIterator, type ProfileIteratorOptions, type ProfilePageItem } from "./profile-iterator.js";

const FINLAND: GeoBox = { north: 70.1, south: 59.8, west: 19.5, east: 31.6 };
const HELSINKI = { lat: 60.17, lon: 24.94 };
const TAMPERE = { lat: 61.5, lon: 23.76 };
const OULU = { lat: 65.01, lon: 25.47 };
/** Nobody is generated north of 68.5° and east of 27.5°. */
const EMPTY_NORTH_EAST = { lat: 69.6, lon: 30.9 };

interface Filter {
  gender: number;
  age: number;
}
type Point = { lat: number; lon: number };
type Accept = (entry: LocationEntry<Filter>) => boolean;

/** About `spreadKm` around a centre (a sum of uniforms: roughly normal). */
function around(random: () => number, center: Point, spreadKm: number): Point {
  const offset = () => ((random() + random() + random() - 1.5) * spreadKm) / 111;
  const lat = center.lat + offset();
  return { lat, lon: center.lon + offset() / Math.cos((lat * Math.PI) / 180) };
}

/** On a box edge or corner, just outside it, or anywhere in the world: all clamped into border cells. */
function edgeOrOutside(random: () => number): Point {
  const { north, south, west, east } = FINLAND;
  const pick = random();
  if (pick < 0.3) return random() < 0.5 ? { lat: north, lon: east } : { lat: south, lon: west };
  if (pick < 0.6)
    return random() < 0.5
      ? { lat: random() < 0.5 ? north : south, lon: west + random() * (east - west) }
      : { lat: south + random() * (north - south), lon: random() < 0.5 ? west : east };
  if (pick < 0.85) return { lat: south - 2 + random() * (north - south + 4), lon: west - 6 + random() * 4 };
  return { lat: -80 + random() * 160, lon: -180 + random() * 360 };
}

function uniformOutsideEmptyRegion(random: () => number): Point {
  for (;;) {
    const lat = FINLAND.south + random() * (FINLAND.north - FINLAND.south);
    const lon = FINLAND.west + random() * (FINLAND.east - FINLAND.west);
    if (!(lat > 68.5 && lon > 27.5)) return { lat, lon };
  }
}

function randomPoint(random: () => number, edgeShare: number): Point {
  const pick = random();
  if (pick < 0.35) return around(random, HELSINKI, 15);
  if (pick < 0.55) return around(random, TAMPERE, 10);
  if (pick < 0.65) return around(random, OULU, 5);
  if (pick < 0.65 + edgeShare) return edgeOrOutside(random);
  return uniformOutsideEmptyRegion(random);
}

function randomFilter(random: () => number): Filter {
  return { gender: Math.floor(random() * 3), age: 18 + Math.floor(random() * 60) };
}

/** The key the keyed index packs: gender in bits 0–1, age above. */
const keyOf = (data: Filter) => data.gender | (data.age << 2);

/** The index and, beside it, a plain map of the same entries for the oracle. */
function build(random: () => number, count: number, cellKm: number, edgeShare = 0.05) {
  const index = new LocationIndex<Filter>(FINLAND, cellKm, keyOf);
  const mirror = new Map<string, Point & { data: Filter }>();
  for (let i = 0; i < count; i++) {
    const point = randomPoint(random, edgeShare);
    const data = randomFilter(random);
    index.upsert(`p${i}`, point.lat, point.lon, data);
    mirror.set(`p${i}`, { ...point, data });
  }
  return { index, mirror };
}

/** The brute-force answer: everything accepted and in range, sorted by distance. */
function oracle(
  mirror: Map<string, Point & { data: Filter }>,
  viewer: Point,
  options: ProfileIteratorOptions,
  accept: Accept,
) {
  const min = options.minDistanceKm ?? 0;
  const max = options.maxDistanceKm ?? Infinity;
  const matches: { id: string; distanceKm: number }[] = [];
  for (const [id, p] of mirror) {
    const distanceKm = haversineKm(viewer.lat, viewer.lon, p.lat, p.lon);
    if (distanceKm >= min && distanceKm <= max && accept({ id, ...p, cell: 0 }))
      matches.push({ id, distanceKm });
  }
  return matches.sort((a, b) => a.distanceKm - b.distanceKm);
}

function drain(iterator: ProfileIterator<Filter>, pageSize: number): ProfilePageItem<Filter>[] {
  const items: ProfilePageItem<Filter>[] = [];
  for (;;) {
    const page = iterator.nextPage(pageSize);
    expect(page.length).toBeLessThanOrEqual(pageSize);
    if (page.length < pageSize) expect(iterator.done).toBe(true);
    items.push(...page);
    if (page.length === 0) return items;
  }
}

const everyone: Accept = () => true;
const halfOfThem: Accept = (entry) => entry.data.gender !== 1 && entry.data.age < 60;
const fewOfThem: Accept = (entry) => entry.data.gender === 2 && entry.data.age >= 30 && entry.data.age < 35;

describe("ProfileIterator against a brute-force oracle", () => {
  const cases: [string, Point, ProfileIteratorOptions, Accept, number, number][] = [
    ["viewer in a dense cluster", HELSINKI, {}, halfOfThem, 5, 0.05],
    ["viewer in an empty region", EMPTY_NORTH_EAST, {}, halfOfThem, 5, 0.05],
    ["many points on and outside the box edges", { lat: 70.1, lon: 31.6 }, {}, everyone, 10, 0.4],
    ["viewer outside the box (Stockholm)", { lat: 59.33, lon: 18.07 }, {}, halfOfThem, 5, 0.3],
    ["viewer far away (New York)", { lat: 40.71, lon: -74.0 }, {}, everyone, 20, 0.3],
    ["min and max distance", TAMPERE, { minDistanceKm: 12, maxDistanceKm: 180 }, halfOfThem, 5, 0.05],
    ["max distance in an empty region", EMPTY_NORTH_EAST, { maxDistanceKm: 150 }, everyone, 5, 0.05],
    ["a predicate that rejects most entries", OULU, {}, fewOfThem, 5, 0.05],
    ["tiny cells (many rings)", HELSINKI, { maxDistanceKm: 400 }, halfOfThem, 0.7, 0.05],
    ["one cell for the whole box", OULU, {}, halfOfThem, 2000, 0.1],
  ];
  for (const [name, viewer, options, accept, cellKm, edgeShare] of cases) {
    for (const pageSize of [1, 25]) {
      it(`${name}, page size ${pageSize}`, () => {
        for (const seed of [1, 2, 3]) {
          const { index, mirror } = build(seededRandom(seed), 4000, cellKm, edgeShare);
          const items = drain(new ProfileIterator(index, viewer, options, accept), pageSize);
          const expected = oracle(mirror, viewer, options, accept);
          expect(items.map((i) => i.distanceKm)).toEqual(expected.map((e) => e.distanceKm));
          expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
          expect(items.map((i) => i.id).sort()).toEqual(expected.map((e) => e.id).sort());
          for (const item of items) expect(item.data).toBe(mirror.get(item.id)?.data);
        }
      });
    }
  }

  it("checks the packed key before reading an entry, and agrees with the oracle", () => {
    const acceptKey = (key: number) => (key & 3) !== 1 && key >> 2 < 60;
    let read = 0;
    const accept: Accept = (entry) => {
      read++;
      if (entry.data.gender === 1 || entry.data.age >= 60) throw new Error(`${entry.id} read`);
      return true;
    };
    for (const viewer of [HELSINKI, EMPTY_NORTH_EAST]) {
      const { index, mirror } = build(seededRandom(4), 4000, 5);
      const items = drain(new ProfileIterator(index, viewer, { acceptKey }, accept), 25);
      expect(items.map((i) => i.distanceKm)).toEqual(
        oracle(mirror, viewer, {}, halfOfThem).map((e) => e.distanceKm),
      );
    }
    expect(read).toBeGreaterThan(1000);
  });

  it("keeps the key current when an entry's data changes in place", () => {
    const index = new LocationIndex<Filter>(FINLAND, 5, keyOf);
    index.upsert("near", 60.18, 24.94, { gender: 0, age: 30 });
    index.upsert("far", 61.0, 24.94, { gender: 1, age: 30 });
    const iterator = new ProfileIterator(
      index,
      HELSINKI,
      { acceptKey: (key) => (key & 3) === 0 },
      (entry) => {
        return entry.data.gender === 0;
      },
    );
    expect(iterator.nextPage(1).map((item) => item.id)).toEqual(["near"]);
    index.upsert("far", 61.0, 24.94, { gender: 0, age: 30 });
    expect(iterator.nextPage(10).map((item) => item.id)).toEqual(["far"]);
  });

  it("is done at once on an empty index", () => {
    const iterator = new ProfileIterator(new LocationIndex<Filter>(FINLAND, 5), HELSINKI, {}, everyone);
    expect(iterator.nextPage(25)).toEqual([]);
    expect(iterator.done).toBe(true);
  });

  it("rejects an invalid viewer or distance range", () => {
    const index = new LocationIndex<Filter>(FINLAND, 5);
    expect(() => new ProfileIterator(index, { lat: 100, lon: 0 }, {}, everyone)).toThrow(RangeError);
    expect(
      () => new ProfileIterator(index, HELSINKI, { minDistanceKm: 5, maxDistanceKm: 4 }, everyone),
    ).toThrow(RangeError);
  });
});
