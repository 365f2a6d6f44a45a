import { describe, expect, it } from "vitest";
import { haversineKm } from "./geo.js";
import { seededRandom } from "./seeded-random.js";
import { cellLowerBoundKm } from "./cell-bound.js";
import { Grid, type GeoBox } from "./grid.js";

const FINLAND: GeoBox = { north: 70.1, south: 59.8, west: 19.5, east: 31.6 };
const SOUTHERN: GeoBox = { north: -10, south: -45, west: 110, east: 155 };
const EQUATOR: GeoBox = { north: 5, south: -5, west: -3, east: 4 };
const ANTIMERIDIAN: GeoBox = { north: 60, south: 50, west: 170, east: 180 };

/** A point inside the box, near it, or anywhere on Earth (uniform on the sphere). */
function randomPoint(random: () => number, box: GeoBox): [number, number] {
  const kind = random();
  if (kind < 0.15) return [(Math.asin(2 * random() - 1) * 180) / Math.PI, random() * 360 - 180];
  const margin = kind < 0.35 ? 3 : 0;
  const lat = box.south - margin + random() * (box.north - box.south + 2 * margin);
  const lon = box.west - margin + random() * (box.east - box.west + 2 * margin);
  return [Math.max(-90, Math.min(90, lat)), lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon];
}

/** A point within `latSpan` × `lonSpan` degrees of (`lat`, `lon`), kept within valid coordinates. */
function nearby(random: () => number, lat: number, lon: number, latSpan: number, lonSpan: number) {
  const tLat = Math.max(-90, Math.min(90, lat + (random() - 0.5) * 2 * latSpan));
  const tLon = lon + (random() - 0.5) * 2 * lonSpan;
  return [tLat, tLon > 180 ? tLon - 360 : tLon < -180 ? tLon + 360 : tLon] as const;
}

describe("Grid", () => {
  it("makes no cell smaller than the target size anywhere in the box", () => {
    for (const box of [FINLAND, SOUTHERN, EQUATOR]) {
      const grid = new Grid(box, 5);
      const poleward = Math.max(Math.abs(box.north), Math.abs(box.south));
      expect(haversineKm(box.south, box.west, box.south + grid.latStep, box.west)).toBeCloseTo(5, 9);
      const parallelKm = haversineKm(poleward, 0, poleward, grid.lonStep);
      expect(parallelKm).toBeGreaterThan(5 * (1 - 1e-6));
      expect(grid.rows * grid.latStep).toBeGreaterThanOrEqual(box.north - box.south);
      expect(grid.cols * grid.lonStep).toBeGreaterThanOrEqual(box.east - box.west);
    }
  });

  it("clamps coordinates outside the box into the border cells", () => {
    const grid = new Grid(FINLAND, 5);
    expect(grid.cellOf(59.8, 19.5)).toBe(0);
    expect(grid.cellOf(-30, -100)).toBe(0);
    expect(grid.cellOf(89, 179)).toBe(grid.cellCount - 1);
    expect(grid.cellOf(70.1, 31.6)).toBe(grid.cellCount - 1);
    expect(grid.rowOf(grid.cellOf(65, 40))).toBe(grid.rowOfLat(65));
    expect(grid.colOf(grid.cellOf(65, 40))).toBe(grid.cols - 1);
    expect(grid.rowOf(grid.cellOf(75, 25))).toBe(grid.rows - 1);
  });

  it("rejects boxes it cannot cover", () => {
    expect(() => new Grid({ ...FINLAND, north: 90 }, 5)).toThrow(RangeError);
    expect(() => new Grid({ ...FINLAND, west: 40 }, 5)).toThrow(RangeError);
    expect(() => new Grid(FINLAND, 0)).toThrow(RangeError);
    expect(() => new Grid(FINLAND, 0.001)).toThrow(/cell size/);
  });

  describe("ringLowerBoundKm", () => {
    it.each([
      ["Finland, 5 km", FINLAND, 5],
      ["Finland, 40 km", FINLAND, 40],
      ["southern hemisphere", SOUTHERN, 100],
      ["equator", EQUATOR, 30],
      ["antimeridian", ANTIMERIDIAN, 50],
    ])("never exceeds the distance to a point in that ring or beyond (%s)", (_name, box, cellKm) => {
      const grid = new Grid(box, cellKm);
      const random = seededRandom(cellKm);
      let worst = -Infinity;
      for (let viewers = 0; viewers < 300; viewers++) {
        const [lat, lon] = randomPoint(random, box);
        const center = grid.cellOf(lat, lon);
        for (let targets = 0; targets < 1000; targets++) {
          const [tLat, tLon] =
            targets % 2 === 0
              ? randomPoint(random, box)
              : nearby(random, lat, lon, 10 * grid.latStep, 10 * grid.lonStep);
          const ring = grid.ringOf(center, grid.cellOf(tLat, tLon));
          const excess = grid.ringLowerBoundKm(lat, lon, center, ring) - haversineKm(lat, lon, tLat, tLon);
          worst = Math.max(worst, excess);
        }
      }
      expect(worst).toBeLessThanOrEqual(0);
    });

    it("grows with the ring, about one cell per ring, and is Infinity past the grid", () => {
      const grid = new Grid(FINLAND, 5);
      const random = seededRandom(7);
      for (let viewers = 0; viewers < 200; viewers++) {
        const [lat, lon] = [59.8 + random() * 10.3, 19.5 + random() * 12.1];
        const center = grid.cellOf(lat, lon);
        const last = grid.lastRing(center);
        let previous = 0;
        for (let ring = 0; ring <= last; ring++) {
          const bound = grid.ringLowerBoundKm(lat, lon, center, ring);
          expect(bound).toBeGreaterThanOrEqual(previous);
          const row = grid.rowOf(center);
          const col = grid.colOf(center);
          const inside = ring <= Math.min(row, grid.rows - 1 - row, col, grid.cols - 1 - col);
          if (inside) expect(bound).toBeGreaterThan(0.98 * (ring - 1) * 5);
          previous = bound;
        }
        expect(grid.ringLowerBoundKm(lat, lon, center, last + 1)).toBe(Infinity);
      }
    });

    it("is close to the true minimum just outside the inner square", () => {
      const grid = new Grid(FINLAND, 5);
      const lat = 64.1;
      const lon = 26.3;
      const center = grid.cellOf(lat, lon);
      for (const ring of [1, 2, 5, 20]) {
        const steps = 600;
        const latStep = (2 * (ring + 1) * grid.latStep) / steps;
        const lonStep = (2 * (ring + 1) * grid.lonStep) / steps;
        let nearest = Infinity;
        for (let i = 0; i <= steps; i++) {
          for (let j = 0; j <= steps; j++) {
            const tLat = lat - (ring + 1) * grid.latStep + i * latStep;
            const tLon = lon - (ring + 1) * grid.lonStep + j * lonStep;
            if (grid.ringOf(center, grid.cellOf(tLat, tLon)) >= ring)
              nearest = Math.min(nearest, haversineKm(lat, lon, tLat, tLon));
          }
        }
        const bound = grid.ringLowerBoundKm(lat, lon, center, ring);
        expect(bound).toBeLessThanOrEqual(nearest);
        expect(nearest - bound).toBeLessThan(haversineKm(lat, lon, lat + latStep, lon + lonStep));
      }
    });
  });
});

describe("cellLowerBoundKm", () => {
  it.each([
    ["Finland, 2 km", FINLAND, 2],
    ["Finland, 40 km", FINLAND, 40],
    ["southern hemisphere", SOUTHERN, 100],
    ["equator", EQUATOR, 30],
    ["antimeridian", ANTIMERIDIAN, 50],
  ])("never exceeds the distance to a point of that cell (%s)", (_name, box, cellKm) => {
    const grid = new Grid(box, cellKm);
    const random = seededRandom(cellKm + 1);
    let worst = -Infinity;
    for (let viewers = 0; viewers < 300; viewers++) {
      const [lat, lon] = randomPoint(random, box);
      for (let targets = 0; targets < 1000; targets++) {
        const [tLat, tLon] =
          targets % 2 === 0
            ? randomPoint(random, box)
            : nearby(random, lat, lon, 3 * grid.latStep, 3 * grid.lonStep);
        const cell = grid.cellOf(tLat, tLon);
        worst = Math.max(worst, cellLowerBoundKm(grid, lat, lon, cell) - haversineKm(lat, lon, tLat, tLon));
      }
    }
    expect(worst).toBeLessThanOrEqual(0);
  });

  it("is the distance to the nearest point of the cell, within a sampling step, and 0 inside it", () => {
    const grid = new Grid(FINLAND, 5);
    const random = seededRandom(11);
    const steps = 40;
    for (let i = 0; i < 300; i++) {
      const [lat, lon] = [59.9 + random() * 10, 19.6 + random() * 11.9];
      expect(cellLowerBoundKm(grid, lat, lon, grid.cellOf(lat, lon))).toBe(0);
      const row = 1 + Math.floor(random() * (grid.rows - 2));
      const col = 1 + Math.floor(random() * (grid.cols - 2));
      const [south, west] = [FINLAND.south + row * grid.latStep, FINLAND.west + col * grid.lonStep];
      let nearest = Infinity;
      for (let a = 0; a <= steps; a++) {
        for (let b = 0; b <= steps; b++) {
          const [tLat, tLon] = [south + (a * grid.latStep) / steps, west + (b * grid.lonStep) / steps];
          nearest = Math.min(nearest, haversineKm(lat, lon, tLat, tLon));
        }
      }
      const bound = cellLowerBoundKm(grid, lat, lon, row * grid.cols + col);
      expect(bound).toBeLessThanOrEqual(nearest);
      expect(nearest - bound).toBeLessThan(5 / steps);
    }
  });
});
