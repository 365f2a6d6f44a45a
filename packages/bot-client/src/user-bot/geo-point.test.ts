import { describe, expect, test } from "vitest";
import { distanceKm, randomPointWithin } from "./geo-point.js";
import { seededRandom } from "./seeded-random.js";

const HELSINKI = { latitude: 60.1699, longitude: 24.9384 };

describe("randomPointWithin", () => {
  test("every point lies within the radius, and they fill the disc", () => {
    const random = seededRandom(11);
    const distances = Array.from({ length: 2000 }, () =>
      distanceKm(HELSINKI, randomPointWithin(HELSINKI, 10, random)),
    );
    expect(Math.max(...distances)).toBeLessThanOrEqual(10 + 1e-9);
    expect(Math.max(...distances)).toBeGreaterThan(9.5);
    // Uniform over the area: about a quarter within half the radius.
    const inner = distances.filter((d) => d <= 5).length / distances.length;
    expect(inner).toBeGreaterThan(0.2);
    expect(inner).toBeLessThan(0.3);
  });

  test("radius 0 is the centre; near the date line and the pole coordinates stay valid", () => {
    expect(distanceKm(HELSINKI, randomPointWithin(HELSINKI, 0, Math.random))).toBeCloseTo(0, 9);
    const random = seededRandom(12);
    for (const centre of [
      { latitude: 0, longitude: 179.99 },
      { latitude: 89.99, longitude: -179.99 },
    ])
      for (let i = 0; i < 200; i++) {
        const point = randomPointWithin(centre, 50, random);
        expect(Math.abs(point.latitude)).toBeLessThanOrEqual(90);
        expect(Math.abs(point.longitude)).toBeLessThanOrEqual(180);
        expect(distanceKm(centre, point)).toBeLessThanOrEqual(50 + 1e-6);
      }
  });

  test("distanceKm: a degree along a meridian, and a quarter of the equator", () => {
    const degree = (Math.PI / 180) * 6371.0088;
    expect(distanceKm({ latitude: 60, longitude: 25 }, { latitude: 61, longitude: 25 })).toBeCloseTo(
      degree,
      6,
    );
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 })).toBeCloseTo(
      degree * 90,
      6,
    );
  });
});
