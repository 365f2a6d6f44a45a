/** Mean Earth radius (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS_PER_DEGREE = Math.PI / 180;

export function toRadians(degrees: number): number {
  return degrees * RADIANS_PER_DEGREE;
}

/** Great-circle distance between two points given in degrees, in km (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return haversineFromKm(Math.cos(toRadians(lat1)), lat1, lon1, lat2, lon2);
}

/**
 * haversineKm with the cosine of the first latitude given (`Math.cos(toRadians(lat1))`), for a
 * viewer measuring many points; the same operations in the same order, so the same result.
 */
export function haversineFromKm(cosLat1: number, lat1: number, lon1: number, lat2: number, lon2: number) {
  const sinHalfLat = Math.sin(toRadians(lat2 - lat1) / 2);
  const sinHalfLon = Math.sin(toRadians(lon2 - lon1) / 2);
  const h = sinHalfLat * sinHalfLat + cosLat1 * Math.cos(toRadians(lat2)) * sinHalfLon * sinHalfLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Length in km of an arc of `degrees` along a meridian (any great circle). */
export function arcKm(degrees: number): number {
  return toRadians(degrees) * EARTH_RADIUS_KM;
}

/**
 * Distance in km from a point to the nearest point of the half meridian (pole to pole) at
 * `meridianLon`. Within 90° of longitude the nearest point is the foot of the perpendicular
 * (cross-track distance); beyond, it is the pole on the point's side of the equator.
 */
export function distanceToMeridianKm(lat: number, lon: number, meridianLon: number): number {
  const delta = Math.abs(lon - meridianLon) % 360;
  const deltaLon = delta > 180 ? 360 - delta : delta;
  if (deltaLon >= 90) return arcKm(90 - Math.abs(lat));
  const sinCrossTrack = Math.cos(toRadians(lat)) * Math.sin(toRadians(deltaLon));
  return EARTH_RADIUS_KM * Math.asin(Math.min(1, sinCrossTrack));
}

/** Throws unless `lat`/`lon` are finite degrees within [-90, 90] and [-180, 180]. */
export function assertCoordinates(lat: number, lon: number): void {
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
    throw new RangeError(`invalid coordinates: ${lat}, ${lon}`);
  }
}
