export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** The mean Earth radius (IUGG), as the server measures distances. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A random point at most `radiusKm` from `centre`, uniform over the disc (the distance is
 * `radius · √u`, the bearing uniform), clamped to valid coordinates.
 */
export function randomPointWithin(centre: GeoPoint, radiusKm: number, random: () => number): GeoPoint {
  const angular = (Math.max(0, radiusKm) * Math.sqrt(random())) / EARTH_RADIUS_KM;
  const bearing = 2 * Math.PI * random();
  const lat1 = centre.latitude * RAD;
  const lon1 = centre.longitude * RAD;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing),
  );
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  const longitude = ((((lon2 / RAD + 540) % 360) + 360) % 360) - 180;
  return { latitude: clamp(lat2 / RAD, -90, 90), longitude: clamp(longitude, -180, 180) };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
