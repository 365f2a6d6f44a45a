import { describe, expect, it } from "vitest";
import { EARTH_RADIUS_KM, assertCoordinates, distanceToMeridianKm, haversineKm } from "./geo.js";

const HELSINKI = [60.1699, 24.9384] as const;
const TAMPERE = [61.4978, 23.761] as const;
const STOCKHOLM = [59.3293, 18.0686] as const;
const LONDON = [51.5074, -0.1278] as const;
const PARIS = [48.8566, 2.3522] as const;
const NEW_YORK = [40.7128, -74.006] as const;
const LOS_ANGELES = [34.0522, -118.2437] as const;
const SYDNEY = [-33.8688, 151.2093] as const;

describe("haversineKm", () => {
  it.each([
    ["Helsinki", HELSINKI, "Tampere", TAMPERE, 160.5],
    ["Helsinki", HELSINKI, "Stockholm", STOCKHOLM, 396],
    ["London", LONDON, "Paris", PARIS, 343.5],
    ["New York", NEW_YORK, "Los Angeles", LOS_ANGELES, 3936],
    ["London", LONDON, "Sydney", SYDNEY, 16_994],
  ])("%s – %s is about the published distance", (_a, from, _b, to, km) => {
    expect(haversineKm(from[0], from[1], to[0], to[1])).toBeGreaterThan(km * 0.995);
    expect(haversineKm(from[0], from[1], to[0], to[1])).toBeLessThan(km * 1.005);
  });

  it("is zero for one point, symmetric, and half the circumference between antipodes", () => {
    expect(haversineKm(...HELSINKI, ...HELSINKI)).toBe(0);
    expect(haversineKm(...PARIS, ...SYDNEY)).toBe(haversineKm(...SYDNEY, ...PARIS));
    // Haversine is ill-conditioned near antipodes: a fraction of a metre.
    expect(haversineKm(10, 20, -10, -160)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 3);
    expect(haversineKm(0, 0, 90, 0)).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 6);
  });

  it("crosses the antimeridian the short way", () => {
    expect(haversineKm(0, 179.5, 0, -179.5)).toBeCloseTo(haversineKm(0, 0, 0, 1), 9);
  });
});

describe("distanceToMeridianKm", () => {
  it("is the minimum over points sampled along the half meridian", () => {
    for (const [lat, lon, meridian] of [
      [60, 25, 19.5],
      [60, 25, 31.6],
      [-45, 170, -175],
      [10, 0, 120],
      [70, 25, 180],
      [0, 0, 90],
    ] as const) {
      let sampled = Infinity;
      for (let i = 0; i <= 180_000; i++)
        sampled = Math.min(sampled, haversineKm(lat, lon, i / 1000 - 90, meridian));
      const exact = distanceToMeridianKm(lat, lon, meridian);
      expect(exact).toBeLessThanOrEqual(sampled + 1e-9);
      expect(exact).toBeGreaterThan(sampled - 0.01);
    }
  });
});

describe("assertCoordinates", () => {
  it("rejects values that are not coordinates", () => {
    expect(() => assertCoordinates(90, 180)).not.toThrow();
    for (const [lat, lon] of [
      [NaN, 0],
      [0, NaN],
      [91, 0],
      [0, -180.5],
      [Infinity, 0],
    ] as const) {
      expect(() => assertCoordinates(lat, lon)).toThrow(RangeError);
    }
  });
});
