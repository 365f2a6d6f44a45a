import { insertSorted, lowerBound, removeSorted } from "./sorted-set.js";

/**
 * Which cells of a rows × cols grid are occupied: per row the ascending occupied columns, per column
 * the ascending occupied rows. A side of a ring is a stretch of one row or one column, so its
 * occupied cells are found by one binary search and a walk over exactly those cells.
 */
export class Occupancy {
  private readonly colsByRow: number[][];
  private readonly rowsByCol: number[][];

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.colsByRow = Array.from({ length: rows }, () => []);
    this.rowsByCol = Array.from({ length: cols }, () => []);
  }

  add(row: number, col: number): void {
    insertSorted(this.colsByRow[row] as number[], col);
    insertSorted(this.rowsByCol[col] as number[], row);
  }

  remove(row: number, col: number): void {
    removeSorted(this.colsByRow[row] as number[], col);
    removeSorted(this.rowsByCol[col] as number[], row);
  }

  /** Calls `visit(row, col)` for each occupied cell at Chebyshev distance exactly `ring` from a cell. */
  forEachInRing(row: number, col: number, ring: number, visit: (row: number, col: number) => void): void {
    if (ring === 0) {
      this.forEachInRow(row, col, col, visit);
      return;
    }
    this.forEachInRow(row - ring, col - ring, col + ring, visit);
    this.forEachInRow(row + ring, col - ring, col + ring, visit);
    this.forEachInCol(col - ring, row - ring + 1, row + ring - 1, visit);
    this.forEachInCol(col + ring, row - ring + 1, row + ring - 1, visit);
  }

  private forEachInRow(row: number, from: number, to: number, visit: (row: number, col: number) => void) {
    const cols = this.colsByRow[row];
    if (cols === undefined) return;
    for (let i = lowerBound(cols, from); i < cols.length && (cols[i] as number) <= to; i++) {
      visit(row, cols[i] as number);
    }
  }

  private forEachInCol(col: number, from: number, to: number, visit: (row: number, col: number) => void) {
    const rows = this.rowsByCol[col];
    if (rows === undefined) return;
    for (let i = lowerBound(rows, from); i < rows.length && (rows[i] as number) <= to; i++) {
      visit(rows[i] as number, col);
    }
  }
}
