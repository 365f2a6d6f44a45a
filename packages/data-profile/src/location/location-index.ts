/**
 * The in-memory spatial index of profile locations: a grid of fixed-size cells (see grid.ts), each
 * an id → entry map, plus an occupancy structure that skips empty cells (see occupancy.ts).
 *
 * Why sorted occupancy lists rather than a matrix of cells linked by jump pointers to the next
 * occupied cell in each direction: both let a ring scan touch only occupied cells (a binary search
 * per ring side, O(log n + occupied cells), instead of O(ring length)). But jump pointers must be
 * rewritten for the whole run of empty cells before a cell that fills or empties, in four
 * directions, while a sorted list changes by one splice in its row and one in its column; and the
 * lists cost memory per occupied cell only, never per empty cell.
 */
import { assertCoordinates } from "./geo.js";
import { Grid, type GeoBox } from "./grid.js";
import { Occupancy } from "./occupancy.js";

export interface LocationEntry<T> {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  /** The caller's compact filter record; the index does not read it. */
  readonly data: T;
  /** The grid cell holding the entry. */
  readonly cell: number;
}

type Entry<T> = { -readonly [K in keyof LocationEntry<T>]: LocationEntry<T>[K] };
type Cell<T> = Map<string, Entry<T>>;

export class LocationIndex<T> {
  readonly grid: Grid;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly cells: (Cell<T> | undefined)[];
  private readonly occupancy: Occupancy;

  constructor(box: GeoBox, cellKm: number) {
    this.grid = new Grid(box, cellKm);
    this.cells = new Array<Cell<T> | undefined>(this.grid.cellCount).fill(undefined);
    this.occupancy = new Occupancy(this.grid.rows, this.grid.cols);
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): LocationEntry<T> | undefined {
    return this.entries.get(id);
  }

  /** Inserts an entry, or moves an existing one and replaces its data. */
  upsert(id: string, lat: number, lon: number, data: T): void {
    assertCoordinates(lat, lon);
    const cell = this.grid.cellOf(lat, lon);
    const entry = this.entries.get(id);
    if (entry === undefined) {
      const added: Entry<T> = { id, lat, lon, data, cell };
      this.entries.set(id, added);
      this.addToCell(added);
      return;
    }
    entry.lat = lat;
    entry.lon = lon;
    entry.data = data;
    if (entry.cell !== cell) {
      this.removeFromCell(entry);
      entry.cell = cell;
      this.addToCell(entry);
    }
  }

  /** Removes an entry; false if there was none. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    this.removeFromCell(entry);
    return true;
  }

  /** Calls `visit` for every entry in the cells of ring `ring` around `center` (see Grid.ringOf). */
  forEachInRing(center: number, ring: number, visit: (entry: LocationEntry<T>) => void): void {
    const { grid, cells } = this;
    this.occupancy.forEachInRing(grid.rowOf(center), grid.colOf(center), ring, (row, col) => {
      for (const entry of (cells[row * grid.cols + col] as Cell<T>).values()) visit(entry);
    });
  }

  private addToCell(entry: Entry<T>): void {
    let cell = this.cells[entry.cell];
    if (cell === undefined) {
      cell = new Map();
      this.cells[entry.cell] = cell;
      this.occupancy.add(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
    cell.set(entry.id, entry);
  }

  private removeFromCell(entry: Entry<T>): void {
    const cell = this.cells[entry.cell] as Cell<T>;
    cell.delete(entry.id);
    if (cell.size === 0) {
      this.cells[entry.cell] = undefined;
      this.occupancy.remove(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
  }
}
