/**
 * One viewer's iteration session over a LocationIndex: pages of entries from nearest to farthest.
 *
 * Rings of cells around the viewer's cell are scanned outwards, one at a time and only when needed;
 * accepted entries of a scanned ring go into a min-heap by distance. The nearest candidate is
 * emitted only when it is no farther than the lower bound of the next unscanned ring (see
 * Grid.ringLowerBoundKm), so nothing unscanned can come before it and the order is exact.
 *
 * The index may change between pages. At emission a candidate is looked up again by id: removed
 * entries are dropped, the predicate is re-checked on the current data, and the distance comes from
 * the current position. A candidate that moved is dropped if it now lies in an unscanned ring (it
 * will be met again there), and otherwise re-queued at its new distance, so it may come out of
 * order but never twice (the set of emitted ids). Entries that move or are inserted into rings
 * already scanned, or that start passing the predicate after their ring was scanned, are not shown
 * this session. Entries that stay in place and keep passing the predicate are shown exactly once
 * and in order, whatever happens to others.
 *
 * Memory: the emitted-id set grows with everything the viewer has been shown in this session (the
 * caller bounds it with its daily page limit); the heap holds the accepted, not yet shown entries
 * of the scanned rings, which are only those up to the current distance plus one ring of cells.
 */
import { CandidateHeap } from "./candidate-heap.js";
import { assertCoordinates, haversineKm } from "./geo.js";
import type { LocationEntry, LocationIndex } from "./location-index.js";

export interface ProfileIteratorOptions {
  /** Entries nearer than this are left out. */
  minDistanceKm?: number;
  /** Entries farther than this are left out. */
  maxDistanceKm?: number;
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
  private readonly heap = new CandidateHeap<LocationEntry<T>>();
  private readonly emitted = new Set<string>();
  private nextRing = 0;
  /** Lower bound of the distance to anything in `nextRing` or beyond. */
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
    if (!(this.minKm >= 0 && this.maxKm >= this.minKm))
      throw new RangeError(`invalid distance range: ${this.minKm} … ${this.maxKm} km`);
    this.center = index.grid.cellOf(viewer.lat, viewer.lon);
  }

  /** True when no further page can hold anything (as of now). */
  get done(): boolean {
    return this.heap.size === 0 && !this.canScan();
  }

  /** Up to `pageSize` entries, continuing in ascending distance from the previous page. */
  nextPage(pageSize: number): ProfilePageItem<T>[] {
    const page: ProfilePageItem<T>[] = [];
    while (page.length < pageSize) {
      if (this.heap.size > 0 && this.heap.peekKey() <= this.nextBound) this.emitNearest(page);
      else if (this.canScan()) this.scanNextRing();
      else break;
    }
    return page;
  }

  private canScan(): boolean {
    return this.nextBound <= this.maxKm && this.nextRing <= this.index.grid.lastRing(this.center);
  }

  private scanNextRing(): void {
    const { lat, lon } = this.viewer;
    // Entries already emitted (they moved here) are dropped when popped, not looked up for each
    // entry scanned; the predicate goes first because it rejects most entries without trigonometry.
    this.index.forEachInRing(this.center, this.nextRing, (entry) => {
      if (!this.accept(entry)) return;
      const distance = haversineKm(lat, lon, entry.lat, entry.lon);
      if (this.inRange(distance)) this.heap.push(distance, entry);
    });
    this.nextRing++;
    this.nextBound = this.index.grid.ringLowerBoundKm(lat, lon, this.center, this.nextRing);
  }

  private emitNearest(page: ProfilePageItem<T>[]): void {
    const queuedDistance = this.heap.peekKey();
    const entry = this.index.get((this.heap.pop() as LocationEntry<T>).id);
    if (entry === undefined || this.emitted.has(entry.id)) return;
    const distance = haversineKm(this.viewer.lat, this.viewer.lon, entry.lat, entry.lon);
    if (distance !== queuedDistance) {
      const scanned = this.index.grid.ringOf(this.center, entry.cell) < this.nextRing;
      if (scanned && this.inRange(distance)) this.heap.push(distance, entry);
      return;
    }
    if (!this.accept(entry)) return;
    this.emitted.add(entry.id);
    page.push({ id: entry.id, distanceKm: distance, data: entry.data });
  }

  private inRange(distance: number): boolean {
    return distance >= this.minKm && distance <= this.maxKm;
  }
}
