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

  /**
   * Appends to `out` the index (`row * cols + col`) of each occupied cell at Chebyshev distance
   * exactly `ring` from a cell, and returns how many it appended. Into a buffer rather than through a
   * callback: this runs for every ring a browse page reaches, and allocates nothing.
   */
  collectRing(row: number, col: number, ring: number, out: number[]): number {
    const before = out.length;
    if (ring === 0) {
      this.collectRow(row, col, col, out);
    } else {
      this.collectRow(row - ring, col - ring, col + ring, out);
      this.collectRow(row + ring, col - ring, col + ring, out);
      this.collectCol(col - ring, row - ring + 1, row + ring - 1, out);
      this.collectCol(col + ring, row - ring + 1, row + ring - 1, out);
    }
    return out.length - before;
  }

  private collectRow(row: number, from: number, to: number, out: number[]) {
    const cols = this.colsByRow[row];
    if (cols === undefined) return;
    const base = row * this.cols;
    for (let i = lowerBound(cols, from); i < cols.length && (cols[i] as number) <= to; i++) {
      out.push(base + (cols[i] as number));
    }
  }

  private collectCol(col: number, from: number, to: number, out: number[]) {
    const rows = this.rowsByCol[col];
    if (rows === undefined) return;
    for (let i = lowerBound(rows, from); i < rows.length && (rows[i] as number) <= to; i++) {
      out.push((rows[i] as number) * this.cols + col);
    }
  }
}
