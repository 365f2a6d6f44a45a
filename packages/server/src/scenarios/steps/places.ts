import type { GeoPoint } from "@venus/bot-client";

/** Kilometres per degree of latitude (a great circle of the 6371 km sphere). */
const KM_PER_DEGREE = (2 * Math.PI * 6371) / 360;

/** Tampere's centre: where the scenarios' people live (each scenario has a server of its own). */
export const CENTRE: GeoPoint = { latitude: 61.4978, longitude: 23.761 };

/** The point `km` kilometres north of `origin`. */
export function north(origin: GeoPoint, km: number): GeoPoint {
  return { latitude: origin.latitude + km / KM_PER_DEGREE, longitude: origin.longitude };
}
