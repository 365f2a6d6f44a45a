import { describe, expect, it } from "vitest";
import type { GeoBox } from "./grid.js";
import { COLUMNS, LocationIndex, type LocationEntry } from "./location-index.js";
import { seededRandom } from "./seeded-random.js";

const BOX: GeoBox = { north: 61, south: 60, west: 24, east: 26 };

function inRing(index: LocationIndex<number>, center: number, ring: number): string[] {
  const ids: string[] = [];
  const cells: number[] = [];
  index.collectRing(center, ring, cells);
  for (const cell of cells) {
    const entries = index.cellEntries(cell) ?? [];
    const columns = index.cellColumns(cell) ?? [];
    expect(columns.length).toBe(entries.length * COLUMNS);
    entries.forEach((entry, slot) => {
      expect(columns.slice(slot * COLUMNS, (slot + 1) * COLUMNS)).toEqual([entry.data, entry.lat, entry.lon]);
      ids.push(entry.id);
    });
  }
  return ids.sort();
}

describe("LocationIndex", () => {
  it("inserts, moves, updates and removes entries", () => {
    const index = new LocationIndex<{ age: number }>(BOX, 5);
    index.upsert("a", 60.5, 25, { age: 30 });
    index.upsert("b", 60.5, 25, { age: 40 });
    expect(index.size).toBe(2);
    expect(index.get("a")).toMatchObject({ id: "a", lat: 60.5, lon: 25, data: { age: 30 } });

    index.upsert("a", 60.9, 24.1, { age: 31 });
    const moved = index.get("a") as LocationEntry<{ age: number }>;
    expect(moved).toMatchObject({ lat: 60.9, lon: 24.1, data: { age: 31 } });
    expect(moved.cell).toBe(index.grid.cellOf(60.9, 24.1));
    expect(index.size).toBe(2);

    expect(index.remove("a")).toBe(true);
    expect(index.remove("a")).toBe(false);
    expect(index.get("a")).toBeUndefined();
    expect(index.size).toBe(1);
  });

  it("rejects invalid coordinates without changing anything", () => {
    const index = new LocationIndex<null>(BOX, 5);
    index.upsert("a", 60.5, 25, null);
    expect(() => index.upsert("a", NaN, 25, null)).toThrow(RangeError);
    expect(() => index.upsert("b", 60, 181, null)).toThrow(RangeError);
    expect(index.get("a")).toMatchObject({ lat: 60.5, lon: 25 });
    expect(index.size).toBe(1);
  });

  it("lists exactly the entries whose cell is in the ring, with their key and coordinates, after any changes", () => {
    const index = new LocationIndex<number>(BOX, 5, (data) => data);
    const random = seededRandom(99);
    const point = (): [number, number] => [59.9 + random() * 1.2, 23.9 + random() * 2.2];
    for (let i = 0; i < 3000; i++) {
      const id = `p${Math.floor(random() * 800)}`;
      if (random() < 0.25) index.remove(id);
      else index.upsert(id, ...point(), i);
    }
    const all: LocationEntry<number>[] = [];
    for (let i = 0; i < 800; i++) {
      const entry = index.get(`p${i}`);
      if (entry) all.push(entry);
    }
    expect(all.length).toBe(index.size);
    for (const center of [0, index.grid.cellOf(60.5, 25), index.grid.cellCount - 1]) {
      for (let ring = 0; ring <= index.grid.lastRing(center) + 1; ring++) {
        const expected = all.filter((e) => index.grid.ringOf(center, e.cell) === ring).map((e) => e.id);
        expect(inRing(index, center, ring)).toEqual(expected.sort());
      }
    }
  });
});
