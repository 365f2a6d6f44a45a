import { describe, expect, it } from "vitest";
import { haversineKm } from "./geo.js";
import type { GeoBox } from "./grid.js";
import { LocationIndex, type LocationEntry } from "./location-index.js";
import { ProfileIterator, type ProfilePageItem } from "./profile-iterator.js";
import { seededRandom } from "./seeded-random.js";

const BOX: GeoBox = { north: 62, south: 59.8, west: 21, east: 27 };
const VIEWER = { lat: 60.17, lon: 24.94 };
const MAX_KM = 250;

type Filter = { kind: number };
type Point = { lat: number; lon: number };
const accept = (entry: LocationEntry<Filter>) => entry.data.kind !== 0;

/** Half near the viewer, half anywhere in the box or a little outside it. */
function randomPoint(random: () => number): Point {
  if (random() < 0.5)
    return { lat: VIEWER.lat + (random() - 0.5) * 0.5, lon: VIEWER.lon + (random() - 0.5) * 1 };
  return { lat: 59.5 + random() * 2.8, lon: 20.5 + random() * 7 };
}

const distance = (p: Point) => haversineKm(VIEWER.lat, VIEWER.lon, p.lat, p.lon);

describe("ProfileIterator while the index changes between pages", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const pageSize of [1, 25]) {
      it(`never repeats, and never skips or reorders unchanged entries (seed ${seed}, page size ${pageSize})`, () => {
        const random = seededRandom(seed);
        const index = new LocationIndex<Filter>(BOX, 4);
        const changed = new Set<string>();
        let nextId = 0;
        const insert = () => {
          const id = `p${nextId++}`;
          const p = randomPoint(random);
          index.upsert(id, p.lat, p.lon, { kind: Math.floor(random() * 4) });
          return id;
        };
        for (let i = 0; i < 3000; i++) insert();
        const iterator = new ProfileIterator(index, VIEWER, { maxDistanceKm: MAX_KM }, accept);

        const emitted: ProfilePageItem<Filter>[] = [];
        const seen = new Set<string>();
        for (let pages = 0; !iterator.done; pages++) {
          expect(pages).toBeLessThan(10_000);
          for (const item of iterator.nextPage(pageSize)) {
            const entry = index.get(item.id);
            expect(entry, "emitted entries exist").toBeDefined();
            expect(accept(entry as LocationEntry<Filter>)).toBe(true);
            expect(item.distanceKm).toBe(distance(entry as Point));
            expect(item.distanceKm).toBeLessThanOrEqual(MAX_KM);
            expect(seen.has(item.id), `${item.id} emitted twice`).toBe(false);
            seen.add(item.id);
            emitted.push(item);
          }
          for (let change = 0; change < 15; change++) {
            const id = `p${Math.floor(random() * nextId)}`;
            const action = random();
            if (action < 0.2) changed.add(insert());
            else if (action < 0.45 && index.remove(id)) changed.add(id);
            else if (action < 0.7 && index.get(id)) {
              const p = randomPoint(random);
              index.upsert(id, p.lat, p.lon, (index.get(id) as LocationEntry<Filter>).data);
              changed.add(id);
            } else if (index.get(id)) {
              // Same place, a new but equivalent filter record: not a move, must not disturb anything.
              const { lat, lon, data } = index.get(id) as LocationEntry<Filter>;
              index.upsert(id, lat, lon, { ...data });
            }
          }
        }

        const unchanged: string[] = [];
        for (let i = 0; i < 3000; i++) {
          const entry = index.get(`p${i}`);
          if (entry && !changed.has(entry.id) && accept(entry) && distance(entry) <= MAX_KM)
            unchanged.push(entry.id);
        }
        const unchangedEmitted = emitted.filter((item) => !changed.has(item.id));
        expect(unchangedEmitted.map((item) => item.id).sort()).toEqual(unchanged.sort());
        const distances = unchangedEmitted.map((item) => item.distanceKm);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(changed.size).toBeGreaterThan(100);
      });
    }
  }

  describe("what a session shows of one entry that changes", () => {
    const setUp = () => {
      const index = new LocationIndex<Filter>(BOX, 4);
      index.upsert("near", 60.18, 24.94, { kind: 1 });
      index.upsert("middle", 60.3, 24.94, { kind: 1 });
      index.upsert("far", 61.0, 24.94, { kind: 1 });
      const iterator = new ProfileIterator(index, VIEWER, {}, accept);
      expect(iterator.nextPage(1).map((item) => item.id)).toEqual(["near"]);
      return { index, iterator };
    };
    const rest = (iterator: ProfileIterator<Filter>) => iterator.nextPage(100).map((item) => item.id);

    it("drops an entry removed after the iterator queued it", () => {
      const { index, iterator } = setUp();
      index.remove("middle");
      expect(rest(iterator)).toEqual(["far"]);
    });

    it("drops an entry whose data no longer passes the predicate", () => {
      const { index, iterator } = setUp();
      index.upsert("middle", 60.3, 24.94, { kind: 0 });
      expect(rest(iterator)).toEqual(["far"]);
    });

    it("shows a moved entry once, at its new distance", () => {
      const { index, iterator } = setUp();
      index.upsert("middle", 61.5, 24.94, { kind: 1 });
      index.upsert("near", 61.2, 24.94, { kind: 1 });
      const items = iterator.nextPage(100);
      expect(items.map((item) => item.id)).toEqual(["far", "middle"]);
      expect(items[1]?.distanceKm).toBe(distance({ lat: 61.5, lon: 24.94 }));
    });

    it("does not show an entry that moves into rings already scanned", () => {
      const { index, iterator } = setUp();
      index.upsert("far", 60.171, 24.94, { kind: 1 });
      index.upsert("new", 60.172, 24.94, { kind: 1 });
      expect(rest(iterator)).toEqual(["middle"]);
      expect(iterator.done).toBe(true);
    });
  });
});
