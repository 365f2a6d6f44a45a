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
  /** The grid cell holding the entry. */
  readonly cell: number;
}

type Entry<T> = { -readonly [K in keyof LocationEntry<T>]: LocationEntry<T>[K] } & { slot: number };
type Cell<T> = Entry<T>[];

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
      const added: Entry<T> = { id, lat, lon, data, cell, slot: 0 };
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

  /** Calls `visit` for every occupied cell of ring `ring` around `center` (see Grid.ringOf). */
  forEachCellInRing(center: number, ring: number, visit: (cell: number) => void): void {
    const { grid } = this;
    this.occupancy.forEachInRing(grid.rowOf(center), grid.colOf(center), ring, (row, col) =>
      visit(row * grid.cols + col),
    );
  }

  /** How many entries `cell` holds. */
  cellSize(cell: number): number {
    return this.cells[cell]?.length ?? 0;
  }

  /** Calls `visit` for every entry in `cell`. */
  forEachInCell(cell: number, visit: (entry: LocationEntry<T>) => void): void {
    const entries = this.cells[cell];
    if (entries === undefined) return;
    for (let i = 0; i < entries.length; i++) visit(entries[i] as Entry<T>);
  }

  private addToCell(entry: Entry<T>): void {
    let cell = this.cells[entry.cell];
    if (cell === undefined) {
      cell = [];
      this.cells[entry.cell] = cell;
      this.occupancy.add(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
    entry.slot = cell.length;
    cell.push(entry);
  }

  private removeFromCell(entry: Entry<T>): void {
    const cell = this.cells[entry.cell] as Cell<T>;
    const last = cell.pop() as Entry<T>;
    if (last !== entry) {
      last.slot = entry.slot;
      cell[entry.slot] = last;
    }
    if (cell.length === 0) {
      this.cells[entry.cell] = undefined;
      this.occupancy.remove(this.grid.rowOf(entry.cell), this.grid.colOf(entry.cell));
    }
  }
}
