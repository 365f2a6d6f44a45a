/**
 * The in-memory spatial index of profile locations: a grid of fixed-size cells (see grid.ts), each
 * an array of its entries (an entry knows its slot, so removal swaps the last one in), plus an
 * occupancy structure that skips empty cells (see occupancy.ts). Arrays rather than maps per cell:
 * scanning a cell is the iterator's inner loop, and an array slot costs a tenth of a map entry.
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
  /** The grid cell holding the entry, REMOVED once it is removed (a later upsert makes a new entry). */
  readonly cell: number;
}

type Entry<T> = { -readonly [K in keyof LocationEntry<T>]: LocationEntry<T>[K] } & { slot: number };

export const REMOVED = -1;

/** Numbers per entry in a cell's columns: its key, latitude and longitude. */
export const COLUMNS = 3;

export class LocationIndex<T> {
  readonly grid: Grid;
  private readonly entries = new Map<string, Entry<T>>();
  /** Per cell, its entries; `columns` holds, slot for slot, each entry's key, lat and lon. */
  private readonly cells: (Entry<T>[] | undefined)[];
  private readonly columns: (number[] | undefined)[];
  private readonly occupancy: Occupancy;

  /**
   * `keyOf` packs what a browse filter checks first into a small integer (see match-key.ts), stored
   * beside the coordinates so a scan reads one contiguous array per cell instead of an object per
   * entry; it is computed again on every upsert.
   */
  constructor(
    box: GeoBox,
    cellKm: number,
    private readonly keyOf: (data: T) => number = () => 0,
  ) {
    this.grid = new Grid(box, cellKm);
    this.cells = new Array<Entry<T>[] | undefined>(this.grid.cellCount).fill(undefined);
    this.columns = new Array<number[] | undefined>(this.grid.cellCount).fill(undefined);
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
    const key = this.keyOf(data);
    const entry = this.entries.get(id);
    if (entry === undefined) {
      const added: Entry<T> = { id, lat, lon, data, cell, slot: 0 };
      this.entries.set(id, added);
      this.addToCell(added, key);
      return;
    }
    entry.lat = lat;
    entry.lon = lon;
    entry.data = data;
    if (entry.cell !== cell) {
      this.removeFromCell(entry);
      entry.cell = cell;
      this.addToCell(entry, key);
    } else {
      const columns = this.columns[cell] as number[];
      const at = entry.slot * COLUMNS;
      columns[at] = key;
      columns[at + 1] = lat;
      columns[at + 2] = lon;
    }
  }

  /** Removes an entry; false if there was none. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    this.removeFromCell(entry);
    entry.cell = REMOVED;
    return true;
  }

  /**
   * Appends to `out` every occupied cell of ring `ring` around `center` (see Grid.ringOf) and
   * returns how many.
   */
  collectRing(center: number, ring: number, out: number[]): number {
    const { grid } = this;
    return this.occupancy.collectRing(grid.rowOf(center), grid.colOf(center), ring, out);
  }

  /** The entries of `cell` (do not change them), or undefined when it is empty. */
  cellEntries(cell: number): readonly LocationEntry<T>[] | undefined {
    return this.cells[cell];
  }

  /** Key, lat and lon of each entry of `cell`, in the order of cellEntries (do not change them). */
  cellColumns(cell: number): readonly number[] | undefined {
    return this.columns[cell];
  }

  private addToCell(entry: Entry<T>, key: number): void {
    let cell = this.cells[entry.cell];
    let columns = this.columns[entry.cell];
    if (cell === undefined || columns === undefined) {
      cell = [];
      columns = [];
      this.cells[entry.cell] = cell;
      this.columns[entry.cell] = columns;
      this.occupancy.add(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
    entry.slot = cell.length;
    cell.push(entry);
    columns.push(key, entry.lat, entry.lon);
  }

  private removeFromCell(entry: Entry<T>): void {
    const cell = this.cells[entry.cell] as Entry<T>[];
    const columns = this.columns[entry.cell] as number[];
    const last = cell.pop() as Entry<T>;
    const lastLon = columns.pop() as number;
    const lastLat = columns.pop() as number;
    const lastKey = columns.pop() as number;
    if (last !== entry) {
      last.slot = entry.slot;
      cell[entry.slot] = last;
      const at = entry.slot * COLUMNS;
      columns[at] = lastKey;
      columns[at + 1] = lastLat;
      columns[at + 2] = lastLon;
    }
    if (cell.length === 0) {
      this.cells[entry.cell] = undefined;
      this.columns[entry.cell] = undefined;
      this.occupancy.remove(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
  }
}
