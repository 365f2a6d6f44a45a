import { arcKm, distanceToMeridianKm } from "./geo.js";

/** A latitude/longitude box in degrees; `west < east` (the box may not cross the antimeridian). */
export interface GeoBox {
  north: number;
  south: number;
  west: number;
  east: number;
}

/** Cells beyond this count would cost more memory than the entries they index. */
const MAX_CELLS = 1 << 24;
/** Room for rounding in haversine (tenths of a metre near antipodes), so the bound stays below. */
const SLACK_KM = 1e-3;
/** 1° of latitude in km. */
const KM_PER_DEGREE = arcKm(1);

/**
 * Fixed-size cells in degrees over a box: rows from south to north, columns from west to east, cell
 * index `row * cols + col`. A cell's height is the target size; its width is the target size at the
 * box's latitude nearest a pole, so no cell is narrower anywhere in the box. Coordinates outside the
 * box fall into the border cells (clamped); distances are always computed from real coordinates.
 */
export class Grid {
  readonly rows: number;
  readonly cols: number;
  /** Cell height and width in degrees. */
  readonly latStep: number;
  readonly lonStep: number;

  constructor(
    readonly box: GeoBox,
    readonly cellKm: number,
  ) {
    const { north, south, west, east } = box;
    const poleward = Math.max(Math.abs(north), Math.abs(south));
    if (!(south < north && north <= 90 && south >= -90 && poleward < 90))
      throw new RangeError(`invalid box latitudes: south ${south}, north ${north} (poles excluded)`);
    if (!(west < east && west >= -180 && east <= 180))
      throw new RangeError(`invalid box longitudes: west ${west}, east ${east}`);
    if (!(cellKm > 0 && Number.isFinite(cellKm))) throw new RangeError(`invalid cell size: ${cellKm} km`);
    this.latStep = cellKm / KM_PER_DEGREE;
    this.lonStep = cellKm / (KM_PER_DEGREE * Math.cos((poleward * Math.PI) / 180));
    this.rows = Math.max(1, Math.ceil((north - south) / this.latStep));
    this.cols = Math.max(1, Math.ceil((east - west) / this.lonStep));
    if (this.rows * this.cols > MAX_CELLS)
      throw new RangeError(`${this.rows} × ${this.cols} cells: choose a larger cell size`);
  }

  get cellCount(): number {
    return this.rows * this.cols;
  }

  rowOfLat(lat: number): number {
    return clamp(Math.floor((lat - this.box.south) / this.latStep), this.rows - 1);
  }

  colOfLon(lon: number): number {
    return clamp(Math.floor((lon - this.box.west) / this.lonStep), this.cols - 1);
  }

  cellOf(lat: number, lon: number): number {
    return this.rowOfLat(lat) * this.cols + this.colOfLon(lon);
  }

  rowOf(cell: number): number {
    return Math.floor(cell / this.cols);
  }

  colOf(cell: number): number {
    return cell % this.cols;
  }

  /** Chebyshev distance in cells between two cells: the ring of `cell` around `center`. */
  ringOf(center: number, cell: number): number {
    return Math.max(
      Math.abs(this.rowOf(cell) - this.rowOf(center)),
      Math.abs(this.colOf(cell) - this.colOf(center)),
    );
  }

  /** The last ring around `cell` that still holds cells of the grid. */
  lastRing(cell: number): number {
    const row = this.rowOf(cell);
    const col = this.colOf(cell);
    return Math.max(row, this.rows - 1 - row, col, this.cols - 1 - col);
  }

  /**
   * A lower bound of the great-circle distance from the point (`lat`, `lon`), which lies in `cell`,
   * to any point whose cell is in ring `ring` or beyond; Infinity once the rings cover the grid.
   *
   * Such a point is outside the "inner square" of rings 0 … ring-1, so it is at least as far as the
   * nearest side of that square. Sides on the box border do not count: clamping puts everything
   * beyond them inside the square. A north/south side is a parallel, reached along the meridian; a
   * west/east side bounds a lune of longitudes reaching to the antimeridian, reached at the nearer of
   * its two half meridians. This holds for points outside the box too, and is tighter than a bound
   * per cell because it uses where the viewer is inside its cell.
   */
  ringLowerBoundKm(lat: number, lon: number, cell: number, ring: number): number {
    if (ring <= 0) return 0;
    const { south, west } = this.box;
    const row = this.rowOf(cell);
    const col = this.colOf(cell);
    let bound = Infinity;
    const southRow = row - ring + 1;
    if (southRow > 0) bound = Math.min(bound, arcKm(lat - (south + southRow * this.latStep)));
    const northRow = row + ring;
    if (northRow < this.rows) bound = Math.min(bound, arcKm(south + northRow * this.latStep - lat));
    const westCol = col - ring + 1;
    if (westCol > 0) bound = Math.min(bound, this.luneKm(lat, lon, west + westCol * this.lonStep));
    const eastCol = col + ring;
    if (eastCol < this.cols) bound = Math.min(bound, this.luneKm(lat, lon, west + eastCol * this.lonStep));
    return bound === Infinity ? Infinity : Math.max(0, bound - SLACK_KM);
  }

  /** Distance from a point to the lune between the meridian `edgeLon` and the antimeridian. */
  private luneKm(lat: number, lon: number, edgeLon: number): number {
    return Math.min(distanceToMeridianKm(lat, lon, edgeLon), distanceToMeridianKm(lat, lon, 180));
  }
}

function clamp(index: number, max: number): number {
  return index < 0 ? 0 : index > max ? max : index;
}
