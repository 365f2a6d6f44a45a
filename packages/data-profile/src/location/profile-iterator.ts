/**
 * One viewer's iteration session over a LocationIndex: pages of entries from nearest to farthest.
 *
 * Cells are scanned best first: rings of cells around the viewer's cell are enumerated outwards,
 * one at a time and only when needed. A ring's small cells (up to SMALL_CELL entries) are scanned at
 * once, as ordering them would cost more than scanning them; its larger cells go into a min-heap by
 * the exact distance to the cell (cellLowerBoundKm), and the nearest is scanned only when nothing
 * queued can come before it. Entries whose packed key passes `acceptKey` go into a min-heap of
 * candidates by distance. A candidate is emitted only when it is no farther than every unscanned
 * cell's bound and the bound of the next ring not yet enumerated (see Grid.ringLowerBoundKm), so the
 * order is exact. Scanning cell by cell rather than ring by ring keeps the work per page small and
 * even: a ring in a dense city holds tens of thousands of entries, most farther than a page needs.
 *
 * The index may change between pages. When a candidate comes up it is checked again on its entry,
 * which the index updates in place (never a lookup by id: in a map of a million ids that is a few
 * cache misses, a third of a page's time): removed entries are dropped, the predicate runs on the
 * current data, and the distance comes from the current position. A candidate that moved is dropped
 * if it now lies in an unscanned cell (it will be met again there), and otherwise re-queued at its
 * new distance, so it may come out of order but never twice (the set of emitted ids). Entries that
 * move or are inserted into cells already scanned, or whose key starts passing `acceptKey` after
 * their cell was scanned, are not shown this session. Entries that stay in place and keep passing
 * the predicate are shown exactly once and in order, whatever happens to others.
 *
 * Memory: the emitted-id set grows with everything the viewer has been shown in this session (the
 * caller bounds it with its daily page limit); the candidate heap holds the key-matching, not yet
 * shown entries of the scanned cells, which are only those up to the current distance plus about a
 * cell; the cell heap and the set of cells it holds have one number per large cell enumerated.
 */
import { CandidateHeap } from "./candidate-heap.js";
import { cellLowerBoundKm } from "./cell-bound.js";
import { assertCoordinates, haversineFromKm, toRadians } from "./geo.js";
import { COLUMNS, REMOVED, type LocationEntry, type LocationIndex } from "./location-index.js";

/**
 * Cells with at most this many entries are scanned as soon as their ring is reached. Sparse regions
 * have thousands of cells of a few entries within a page's distance; a dense city has hundreds of
 * entries per cell, where ordering the cells saves scanning most of a ring.
 */
const SMALL_CELL = 32;

export interface ProfileIteratorOptions {
  /** Entries nearer than this are left out. */
  minDistanceKm?: number;
  /** Entries farther than this are left out. */
  maxDistanceKm?: number;
  /**
   * Checked first, on the key the index packed for each entry (LocationIndex's keyOf): an entry it
   * rejects is never read. It must reject only entries `accept` rejects too.
   */
  acceptKey?: (key: number) => boolean;
}

export interface ProfilePageItem<T> {
  id: string;
  /** Exact great-circle distance from the viewer; round it before it leaves the server. */
  distanceKm: number;
  data: T;
}

export class ProfileIterator<T> {
  private readonly center: number;
  private readonly minKm: number;
  private readonly maxKm: number;
  private readonly acceptKey: (key: number) => boolean;
  private readonly cosLat: number;
  /** The occupied cells of the ring being enumerated (reused, so enumerating allocates nothing). */
  private readonly ringCells: number[] = [];
  private readonly heap = new CandidateHeap<LocationEntry<T>>();
  private readonly cells = new CandidateHeap<number>();
  private readonly pending = new Set<number>();
  private readonly emitted = new Set<string>();
  private nextRing = 0;
  /** Lower bound of the distance to anything in `nextRing` or beyond (Infinity past the grid). */
  private nextBound = 0;

  constructor(
    private readonly index: LocationIndex<T>,
    private readonly viewer: { readonly lat: number; readonly lon: number },
    options: ProfileIteratorOptions,
    /** The caller's match and filters; it must reject the viewer's own entry. */
    private readonly accept: (entry: LocationEntry<T>) => boolean,
  ) {
    assertCoordinates(viewer.lat, viewer.lon);
    this.minKm = options.minDistanceKm ?? 0;
    this.maxKm = options.maxDistanceKm ?? Infinity;
    this.acceptKey = options.acceptKey ?? (() => true);
    if (!(this.minKm >= 0 && this.maxKm >= this.minKm))
      throw new RangeError(`invalid distance range: ${this.minKm} … ${this.maxKm} km`);
    this.center = index.grid.cellOf(viewer.lat, viewer.lon);
    this.cosLat = Math.cos(toRadians(viewer.lat));
  }

  /**
   * True when no further page can hold anything (as of now). Drops the queued candidates that would
   * not be shown (they were queued on their key alone), so that the last page says it is the last.
   */
  get done(): boolean {
    if (this.canScan(this.unscannedBound())) return false;
    const { heap } = this;
    while (heap.size > 0) {
      const distance = heap.peekKey();
      const entry = this.popShowable();
      if (entry !== undefined) {
        heap.push(distance, entry);
        return false;
      }
    }
    return true;
  }

  /** Up to `pageSize` entries, continuing in ascending distance from the previous page. */
  nextPage(pageSize: number): ProfilePageItem<T>[] {
    const page: ProfilePageItem<T>[] = [];
    while (page.length < pageSize) {
      const unscanned = this.unscannedBound();
      if (this.heap.size > 0 && this.heap.peekKey() <= unscanned) this.emitNearest(page);
      else if (!this.canScan(unscanned)) break;
      else if (this.nextBound <= this.cells.peekKey()) this.enumerateNextRing();
      else this.scanQueuedCell();
    }
    return page;
  }

  /** Whether a cell not scanned yet, all of them `unscanned` km away or farther, may be in range. */
  private canScan(unscanned: number): boolean {
    return unscanned !== Infinity && unscanned <= this.maxKm;
  }

  /** Lower bound of the distance to every entry in a cell not scanned yet. */
  private unscannedBound(): number {
    return Math.min(this.nextBound, this.cells.peekKey());
  }

  private enumerateNextRing(): void {
    const { index, viewer, center, ringCells } = this;
    const { grid } = index;
    ringCells.length = 0;
    const count = index.collectRing(center, this.nextRing, ringCells);
    for (let i = 0; i < count; i++) {
      const cell = ringCells[i] as number;
      const columns = index.cellColumns(cell) as readonly number[];
      if (columns.length <= SMALL_CELL * COLUMNS) {
        this.scanColumns(cell, columns);
        continue;
      }
      const bound = cellLowerBoundKm(grid, viewer.lat, viewer.lon, cell);
      if (bound > this.maxKm) continue;
      this.cells.push(bound, cell);
      this.pending.add(cell);
    }
    this.nextRing++;
    this.nextBound = grid.ringLowerBoundKm(viewer.lat, viewer.lon, center, this.nextRing);
  }

  private scanQueuedCell(): void {
    const cell = this.cells.pop() as number;
    this.pending.delete(cell);
    this.scanCell(cell);
  }

  /**
   * Reads the cell's packed columns: the key check rejects most entries and the distance range the
   * next few. The rest are queued without reading them; the whole predicate runs when one comes up
   * (popShowable), so a page reads about as many profiles as it shows. Entries already emitted (they
   * moved here) are dropped then too, not looked up for each entry scanned.
   */
  private scanCell(cell: number): void {
    const columns = this.index.cellColumns(cell);
    if (columns !== undefined) this.scanColumns(cell, columns);
  }

  /** The cell's entries array is read only when a key passes: most small cells need just one array. */
  private scanColumns(cell: number, columns: readonly number[]): void {
    const { lat, lon } = this.viewer;
    const { acceptKey, minKm, maxKm, heap, cosLat } = this;
    let entries: readonly LocationEntry<T>[] | undefined;
    for (let at = 0; at < columns.length; at += COLUMNS) {
      if (!acceptKey(columns[at] as number)) continue;
      const distance = haversineFromKm(
        cosLat,
        lat,
        lon,
        columns[at + 1] as number,
        columns[at + 2] as number,
      );
      if (distance < minKm || distance > maxKm) continue;
      entries ??= this.index.cellEntries(cell) as readonly LocationEntry<T>[];
      heap.push(distance, entries[at / COLUMNS] as LocationEntry<T>);
    }
  }

  private emitNearest(page: ProfilePageItem<T>[]): void {
    const distance = this.heap.peekKey();
    const entry = this.popShowable();
    if (entry === undefined) return;
    this.emitted.add(entry.id);
    page.push({ id: entry.id, distanceKm: distance, data: entry.data });
  }

  /**
   * Pops the nearest candidate and returns it if it may be shown at its queued distance: not
   * removed, not shown before, at the same place and passing the predicate. One that moved within
   * the scanned cells is queued again at its new distance; one that moved elsewhere is met again
   * when its cell is scanned.
   */
  private popShowable(): LocationEntry<T> | undefined {
    const queuedDistance = this.heap.peekKey();
    const entry = this.heap.pop() as LocationEntry<T>;
    if (entry.cell === REMOVED || this.emitted.has(entry.id)) return undefined;
    const distance = haversineFromKm(this.cosLat, this.viewer.lat, this.viewer.lon, entry.lat, entry.lon);
    if (distance !== queuedDistance) {
      if (this.scanned(entry.cell) && this.inRange(distance)) this.heap.push(distance, entry);
      return undefined;
    }
    return this.accept(entry) ? entry : undefined;
  }

  private scanned(cell: number): boolean {
    return this.index.grid.ringOf(this.center, cell) < this.nextRing && !this.pending.has(cell);
  }

  private inRange(distance: number): boolean {
    return distance >= this.minKm && distance <= this.maxKm;
  }
}
