import { arcKm, haversineKm } from "./geo.js";
import type { Grid } from "./grid.js";

/** Room for rounding in haversine, as in Grid.ringLowerBoundKm. */
const SLACK_KM = 1e-3;
const DEGREES = 180 / Math.PI;

/**
 * A lower bound, within rounding of the exact value, of the great-circle distance from (`lat`,
 * `lon`) to any point whose grid cell is `cell`. Border cells reach to the poles or the antimeridian
 * on their outer side, since clamping puts everything beyond the box there.
 *
 * The cell is the set of points between two parallels and two meridians. From a point within its
 * longitudes, the nearest is straight north or south. From elsewhere, the nearest is on one of its
 * two meridian sides (the nearest point of a parallel side is its end at the nearer meridian, which
 * lies on that meridian side too).
 */
export function cellLowerBoundKm(grid: Grid, lat: number, lon: number, cell: number): number {
  const { south, west } = grid.box;
  const row = grid.rowOf(cell);
  const col = grid.colOf(cell);
  const southLat = row === 0 ? -90 : south + row * grid.latStep;
  const northLat = row === grid.rows - 1 ? 90 : south + (row + 1) * grid.latStep;
  const westLon = col === 0 ? -180 : west + col * grid.lonStep;
  const eastLon = col === grid.cols - 1 ? 180 : west + (col + 1) * grid.lonStep;
  let exact: number;
  if (lon >= westLon && lon <= eastLon) {
    exact = lat < southLat ? arcKm(southLat - lat) : lat > northLat ? arcKm(lat - northLat) : 0;
  } else {
    exact = Math.min(
      toMeridianSideKm(lat, lon, westLon, southLat, northLat),
      toMeridianSideKm(lat, lon, eastLon, southLat, northLat),
    );
  }
  return Math.max(0, exact - SLACK_KM);
}

/**
 * Distance from a point to the stretch of meridian `sideLon` between two latitudes. Along the whole
 * half meridian the distance first falls and then rises when the point is within 90° of longitude
 * (nearest at the foot of the perpendicular), and otherwise first rises and then falls; either way
 * the nearest point of a stretch is one of its ends or, in the first case, the foot.
 */
function toMeridianSideKm(lat: number, lon: number, sideLon: number, southLat: number, northLat: number) {
  const delta = Math.abs(lon - sideLon) % 360;
  const deltaLon = delta > 180 ? 360 - delta : delta;
  const ends = Math.min(haversineKm(lat, lon, southLat, sideLon), haversineKm(lat, lon, northLat, sideLon));
  if (deltaLon >= 90) return ends;
  const foot = Math.atan(Math.tan(lat / DEGREES) / Math.cos(deltaLon / DEGREES)) * DEGREES;
  return foot > southLat && foot < northLat ? Math.min(ends, haversineKm(lat, lon, foot, sideLon)) : ends;
}
